/**
 * Signing in again as an account already signed in (more scopes later, a new sign-in of the same identity),
 * against a real OpenID provider: what the account keeps, and what the call may not change. The provider's
 * token answer can be told to leave out the refresh token, as Google's does without prompt=consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationParamsFor } from '../../../src/main/auth/authorization-params.ts';
import type { ProviderRuntime } from '../../../src/main/auth/providers/types.ts';
import type { SignInOptions } from '../../../src/main/auth/sign-in-service.ts';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { track } from '../../helpers/disposables.ts';
import { signInOverHttp, signInServiceFor } from '../../helpers/sign-in.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

/** A service whose provider can be told to answer an authorization code without a refresh token (as Google does without prompt=consent). */
async function service(vaultDir?: string, entry: Record<string, unknown> = {}) {
  const knobs = { noRefreshTokenOnCode: false };
  const fetchImpl: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const body = init?.body;
    const isCode =
      typeof body === 'string' || body instanceof URLSearchParams
        ? String(body).includes('grant_type=authorization_code')
        : false;
    if (!knobs.noRefreshTokenOnCode || !isCode) return res;
    const json = (await res.json()) as Record<string, unknown>;
    delete json['refresh_token'];
    return new Response(JSON.stringify(json), { status: res.status, headers: res.headers });
  };
  const rec = await signInServiceFor([oidcEntry(idp, entry)], {}, vaultDir, fetchImpl);
  track(rec.service);
  if (rec.vault) track(rec.vault);
  const signInAs = async (who: string, options: SignInOptions = {}) =>
    (await signInOverHttp(rec, who, options)).ended as { accountId?: string; error?: string };
  const corp = () => rec.service.overview().providers.find((p) => p.id === 'corp')!;
  return { svc: rec.service, knobs, signInAs, corp };
}

describe('signing in again as an account', () => {
  it('keeps the account’s refresh token when the provider sends none the second time (Google without prompt=consent)', async () => {
    const r = await service(undefined, { allowedExtraScopes: ['groups'] });
    const ada = await r.signInAs('ada');
    expect(r.corp().accounts[0]!.hasRefreshToken).toBe(true);
    r.knobs.noRefreshTokenOnCode = true;
    await r.signInAs('ada', { accountId: ada.accountId, scopes: ['groups'] });
    // Google only sends a refresh token with prompt=consent, which is now left off for an account that has one.
    expect(r.corp().accounts[0]!.hasRefreshToken).toBe(true);
  });

  it('more scopes for an inactive account leave the active account alone', async () => {
    const r = await service(undefined, { allowedExtraScopes: ['groups'] });
    const ada = await r.signInAs('ada');
    const grace = await r.signInAs('grace', { addAccount: true });
    expect(r.corp().activeAccountId).toBe(grace.accountId);
    await r.signInAs('ada', { accountId: ada.accountId, scopes: ['groups'] });
    expect(r.corp().activeAccountId).toBe(grace.accountId);
  });

  it('more scopes keep the account’s own remember-me choice', async () => {
    const r = await service(tempDir('again-remember'), { allowedExtraScopes: ['groups'] });
    const ada = await r.signInAs('ada', { rememberMe: false });
    expect(r.corp().accounts[0]!.remembered).toBe(false);
    await r.signInAs('ada', { accountId: ada.accountId, scopes: ['groups'] });
    expect(r.corp().accounts[0]!.remembered).toBe(false);
  });

  it('signing the account out ends a sign-in in flight for it, which cannot bring it back', async () => {
    const r = await service(undefined, { allowedExtraScopes: ['groups'] });
    const ada = await r.signInAs('ada');
    const { authorizationUrl } = await r.svc.signIn('corp', { accountId: ada.accountId, scopes: ['groups'] });
    expect(r.corp().pending).toMatchObject({ status: 'pending' });
    await r.svc.signOut('corp', { accountId: ada.accountId });
    expect(r.corp().pending).toBeUndefined();
    // The provider's answer arrives late: nothing listens for it any more.
    const late = await fetch(await approveOverHttp(authorizationUrl, 'ada')).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(Error);
    expect(r.corp().accounts).toEqual([]);
  });

  it('a sign-in for one account that comes back as another does not silently add it', async () => {
    const r = await service(undefined, { allowedExtraScopes: ['groups'] });
    const ada = await r.signInAs('ada');
    await r.signInAs('grace', { accountId: ada.accountId, scopes: ['groups'] });
    expect(r.corp().accounts.map((a) => a.user?.id)).toEqual(['ada']);
  });
});

describe('authorizationParams precedence', () => {
  const runtime = (entry: Record<string, string>) =>
    ({
      settings: { id: 'corp', name: 'Corp' },
      flow: { authorizationParams: entry },
      authorizationParams: () => ({}),
      prompt: ({ addAccount }: { addAccount: boolean }) => (addAccount ? 'login' : undefined),
    }) as unknown as ProviderRuntime;

  it('an entry-wide prompt does not turn "Add another account" into signing in the same account again', () => {
    const params = authorizationParamsFor(runtime({ prompt: 'none' }), {
      addAccount: true,
      hasRefreshToken: false,
    });
    expect(params['prompt']).toBe('login');
  });

  it('an entry-wide login_hint does not replace the hint for the account being signed in again', () => {
    const params = authorizationParamsFor(runtime({ login_hint: 'shared@corp.example' }), {
      addAccount: false,
      hasRefreshToken: true,
      loginHint: 'ada@corp.example',
    });
    expect(params['login_hint']).toBe('ada@corp.example');
  });
});
