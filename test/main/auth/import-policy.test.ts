/**
 * auth.importToken signs in only with a token the provider confirms, never renews one with its refresh
 * token, and keeps no refresh token: against a real OpenID provider on 127.0.0.1 and real Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { track } from '../../helpers/disposables.ts';
import { startHandMadeIdp } from '../../helpers/hand-made-idp.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor, signInThroughBrowser } from '../../helpers/sign-in.ts';

let idp: TestIdp;
let browser: LaunchedBrowser;
beforeAll(async () => {
  idp = await startTestIdp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

/** A real token of this provider in Flet's shape, from a real sign-in. */
async function exportedToken(): Promise<Record<string, unknown>> {
  const rec = await signInServiceFor([oidcEntry(idp)]);
  track(rec.service);
  await signInThroughBrowser(rec, browser.context);
  const token = JSON.parse(await rec.service.exportToken('corp')) as Record<string, unknown>;
  rec.service.close();
  return token;
}

describe('importing a token', () => {
  it('refuses a token the provider does not confirm, whatever it claims', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    const forged = JSON.stringify({ access_token: 'made-up', token_type: 'Bearer', scope: ['openid'] });
    await expect(rec.service.importToken('corp', forged)).rejects.toMatchObject({ code: 'forbidden' });
    expect(rec.service.overview().providers[0]!.state.status).toBe('signedOut');
    expect(rec.events.map((e) => e.name)).not.toContain('auth.signedIn');
  });

  it('never redeems the refresh token of an expired one (the old code did, with the app’s client)', async () => {
    const token = await exportedToken();
    expect(typeof token.refresh_token).toBe('string');
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    const before = idp.grants.refresh_token ?? 0;
    const expired = { ...token, expires_at: Date.now() / 1000 - 60, expires_in: 0 };
    await expect(rec.service.importToken('corp', JSON.stringify(expired))).rejects.toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'saved_token_expired' },
    });
    expect((idp.grants.refresh_token ?? 0) - before).toBe(0);
  });

  it('signs in with a confirmed token, marked as imported and without its refresh token', async () => {
    const token = await exportedToken();
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    const state = await rec.service.importToken('corp', JSON.stringify(token), { rememberMe: false });
    expect(state).toMatchObject({
      status: 'signedIn',
      user: { id: 'ada' },
      imported: true,
      hasRefreshToken: false,
    });
    const exported = JSON.parse(await rec.service.exportToken('corp')) as Record<string, unknown>;
    expect(exported.refresh_token).toBeUndefined();
  });

  it('with fetchUser off and only token introspection, asks introspection (the old code asked nothing)', async () => {
    const idp = await startHandMadeIdp({
      clientId: 'app',
      discovery: (issuer) => ({ introspection_endpoint: `${issuer}/introspect` }),
    });
    idp.activeTokens = ['real-token'];
    const entry = {
      type: 'oidc',
      id: 'corp',
      issuer: idp.issuer,
      clientId: 'app',
      clientSecret: 'app-secret',
      allowInsecureHttp: true,
      fetchUser: false,
    };
    const rec = await signInServiceFor([entry]);
    track(rec.service);
    const as = (token: string) =>
      JSON.stringify({ access_token: token, token_type: 'Bearer', scope: ['openid'] });
    await expect(rec.service.importToken('corp', as('made-up'))).rejects.toMatchObject({ code: 'forbidden' });
    expect(rec.service.overview().providers[0]!.state.status).toBe('signedOut');
    const state = await rec.service.importToken('corp', as('real-token'), { rememberMe: false });
    expect(state).toMatchObject({ status: 'signedIn', imported: true });
    expect(idp.seen.filter((p) => p === '/introspect')).toHaveLength(2);
  });
});
