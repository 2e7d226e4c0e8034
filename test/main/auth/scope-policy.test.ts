/** Scopes a call adds to a sign-in are limited to the entry's allowedExtraScopes (default none). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopesNotAllowed } from '../../../src/main/auth/scope-policy.ts';
import { track } from '../../helpers/disposables.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

const scopeOf = (url: string) => new URL(url).searchParams.get('scope')!.split(' ');

describe('scopesNotAllowed', () => {
  it.each([
    [[], ['email'], ['email']],
    [['email'], ['email'], []],
    [['email'], ['email', 'delete_repo', 'delete_repo'], ['delete_repo']],
    [['a'], [], []],
  ])('allowed %j, asked %j → refused %j', (allowed, asked, refused) => {
    expect(scopesNotAllowed(allowed, asked)).toEqual(refused);
  });
});

describe('extra scopes asked by a call', () => {
  it('are refused by default, before anything is sent to the provider', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    // The old code sent whatever the page asked for (admin:org delete_repo …) to the provider.
    await expect(
      rec.service.signIn('corp', { scopes: ['admin:org', 'delete_repo', 'write:everything'] }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'scope_not_allowed', scopes: ['admin:org', 'delete_repo', 'write:everything'] },
    });
    const state = rec.service.overview().providers[0]!.state;
    expect(state.status).toBe('signedOut');
    await expect(rec.service.signInWithDevice('corp', { scopes: ['delete_repo'] })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('go through when the entry allows them; others are still refused', async () => {
    const rec = await signInServiceFor([oidcEntry(idp, { allowedExtraScopes: ['address'] })]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp', { scopes: ['address'] });
    expect(scopeOf(authorizationUrl)).toContain('address');
    await expect(rec.service.signIn('corp', { scopes: ['address', 'phone'] })).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'scope_not_allowed', scopes: ['phone'] },
    });
  });

  it("the entry's own scopes are the app's choice and need no allowance", async () => {
    const rec = await signInServiceFor([oidcEntry(idp, { scopes: ['phone'] })]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp');
    expect(scopeOf(authorizationUrl)).toContain('phone');
    rec.service.cancel('corp');
  });
});
