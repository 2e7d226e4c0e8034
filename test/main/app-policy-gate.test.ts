/** The host refuses what the app's policy keeps from the page, through the same dispatcher every transport uses. */
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts';
import { APP_POLICY, DEFAULT_APP_POLICY, definePolicy } from '../../src/shared/app-policy.ts';
import { testHost } from '../helpers/host.ts';

const ctx = { clientId: 'page-1' };
const token = JSON.stringify({ access_token: 'someone-elses', token_type: 'Bearer', scope: ['openid'] });

async function dispatchFor(policy: typeof APP_POLICY) {
  const host = await testHost({ policy, providers: { env: {} } });
  return createDispatcher(host.handlers, { warn() {}, error() {} });
}

describe('the app policy at the host', () => {
  it('by default refuses token export and import with a typed error naming the setting', async () => {
    const dispatch = await dispatchFor(DEFAULT_APP_POLICY);
    // The old host handed any page script the refresh token and signed in from any token it was given.
    expect(await dispatch('auth.exportToken', ['demo'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'app_policy', setting: 'auth.exportToken' } },
    });
    expect(await dispatch('auth.importToken', ['demo', token], ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'app_policy', setting: 'auth.importToken' } },
    });
    // Access tokens stay on by default (Flet's page.auth.token): not signed in is the only refusal here.
    expect(await dispatch('auth.getAccessToken', ['demo'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('an app can keep access tokens from its page too', async () => {
    const dispatch = await dispatchFor(definePolicy({ auth: { getAccessToken: false } }));
    const answer = await dispatch('auth.getAccessToken', ['demo'], ctx);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'app_policy', setting: 'auth.getAccessToken' } },
    });
    if (!answer.ok) expect(answer.error.message).toMatch(/does not hand access tokens to its page/);
  });

  it('the showcase policy lets export through to the service, and app.info says what the policy is', async () => {
    const dispatch = await dispatchFor(APP_POLICY);
    expect(await dispatch('auth.exportToken', ['demo'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await dispatch('app.info', [], ctx)).toMatchObject({
      ok: true,
      value: { policy: { auth: { exportToken: true, importToken: true, getAccessToken: true } } },
    });
  });
});
