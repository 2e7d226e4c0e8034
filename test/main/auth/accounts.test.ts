/**
 * Several accounts per provider, against a real OpenID provider on 127.0.0.1 with two users (ada, grace):
 * add, switch, sign out one, restart with both remembered; signing in again as an account updates it.
 * The user's part at the provider is played over HTTP (its own login and consent forms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError } from '../../../src/shared/errors.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { track } from '../../helpers/disposables.ts';
import { signInOverHttp, signInServiceFor, type Recorded } from '../../helpers/sign-in.ts';
import type { SignInOptions } from '../../../src/main/auth/sign-in-service.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

async function service(vaultDir?: string, entry: Record<string, unknown> = {}) {
  const rec = await signInServiceFor([oidcEntry(idp, entry)], {}, vaultDir);
  track(rec.service);
  if (rec.vault) track(rec.vault);
  return rec;
}

/** Signs in as `account` at the provider (over HTTP); the sign-in must succeed. */
async function signInAs(rec: Recorded, account: string, options: SignInOptions = {}) {
  const { ended, ...rest } = await signInOverHttp(rec, account, options);
  if (!('accountId' in ended)) throw new Error(`sign-in failed: ${ended.errorDescription}`);
  return { payload: ended, ...rest };
}

/** Whose token `auth.getAccessToken` hands out, as the provider's userinfo says. */
async function whoseToken(rec: Recorded, accountId?: string): Promise<string> {
  const { accessToken } = await rec.service.accessToken('corp', accountId ? { accountId } : {});
  const res = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return ((await res.json()) as { sub: string }).sub;
}

const corp = (rec: Recorded) => rec.service.overview().providers.find((p) => p.id === 'corp')!;

describe('several accounts per provider', () => {
  it('adds a second account, switches between them, signs one out; the other stays', async () => {
    const rec = await service();
    const ada = await signInAs(rec, 'ada');
    expect(ada.payload.accountId).toMatch(/^acct_[A-Za-z0-9_-]{22}$/);
    // "Add another account" asks the provider to show its login again, never reusing the session there.
    const grace = await signInAs(rec, 'grace', { addAccount: true });
    expect(new URL(grace.authorizationUrl).searchParams.get('prompt')).toBe('login');
    expect(grace.payload.accountId).not.toBe(ada.payload.accountId);

    let info = corp(rec);
    expect(info.accounts.map((a) => a.user?.id)).toEqual(['ada', 'grace']);
    expect(info.activeAccountId).toBe(grace.payload.accountId);
    expect(info.accounts.find((a) => a.active)?.user?.id).toBe('grace');
    expect(info.state).toMatchObject({ status: 'signedIn', accountId: grace.payload.accountId });
    expect(await whoseToken(rec)).toBe('grace');
    expect(await whoseToken(rec, ada.payload.accountId)).toBe('ada');

    await rec.service.setActiveAccount('corp', ada.payload.accountId);
    expect(await whoseToken(rec)).toBe('ada');
    expect(corp(rec).activeAccountId).toBe(ada.payload.accountId);

    const out = rec.next('auth.signedOut', 'corp');
    await rec.service.signOut('corp', { accountId: grace.payload.accountId });
    expect(await out).toMatchObject({ accountId: grace.payload.accountId });
    info = corp(rec);
    expect(info.accounts.map((a) => a.user?.id)).toEqual(['ada']);
    expect(info.activeAccountId).toBe(ada.payload.accountId);
    expect(await whoseToken(rec)).toBe('ada');
    await expect(
      rec.service.accessToken('corp', { accountId: grace.payload.accountId }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('signing in again as an account already there updates it instead of adding one', async () => {
    const rec = await service();
    const first = await signInAs(rec, 'ada');
    const before = corp(rec).accounts[0]!.fingerprint;
    const again = await signInAs(rec, 'ada', { addAccount: true });
    expect(again.payload.accountId).toBe(first.payload.accountId);
    const info = corp(rec);
    expect(info.accounts).toHaveLength(1);
    expect(info.accounts[0]!.fingerprint).not.toBe(before);
  });

  it('restores every remembered account at the next launch, the active one kept', async () => {
    const dir = tempDir('accounts-restore');
    const rec = await service(dir);
    const ada = await signInAs(rec, 'ada');
    const grace = await signInAs(rec, 'grace', { addAccount: true });
    await rec.service.setActiveAccount('corp', ada.payload.accountId);
    rec.service.close();
    await rec.vault!.close();

    const next = await service(dir);
    await next.service.restore();
    const info = corp(next);
    expect(info.accounts.map((a) => a.accountId).sort()).toEqual(
      [ada.payload.accountId, grace.payload.accountId].sort(),
    );
    expect(info.accounts.every((a) => a.restored)).toBe(true);
    expect(info.activeAccountId).toBe(ada.payload.accountId);
    expect(await whoseToken(next)).toBe('ada');
    // One provider, two remembered sign-ins: "Forget all" asks about both.
    expect(next.service.vaultStatus()).toMatchObject({ remembered: ['corp'], rememberedSessions: 2 });
    expect(await whoseToken(next, grace.payload.accountId)).toBe('grace');
  });

  it('asks for more scopes later for the same account, and says which scopes a token lacks', async () => {
    const rec = await service(undefined, { allowedExtraScopes: ['groups'] });
    const ada = await signInAs(rec, 'ada');
    const { accountId } = ada.payload;
    const lacking = await rec.service.accessToken('corp', { scopes: ['groups'] }).catch((e: unknown) => e);
    expect(lacking).toBeInstanceOf(HostError);
    expect(lacking).toMatchObject({
      code: 'consent_required',
      details: { reason: 'missing_scopes', scopes: ['groups'] },
    });

    const more = await signInAs(rec, 'ada', { accountId, scopes: ['groups'] });
    const asked = new URL(more.authorizationUrl).searchParams;
    // The union, with the account as the hint: what it had and what the call adds.
    expect(asked.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'groups']));
    expect(asked.get('login_hint')).toBe('ada@demo.latchkey.invalid');
    expect(more.payload.accountId).toBe(accountId);
    const info = corp(rec);
    expect(info.accounts).toHaveLength(1);
    expect(info.accounts[0]!.scopes).toEqual(expect.arrayContaining(['openid', 'groups']));
    await expect(rec.service.accessToken('corp', { scopes: ['groups'] })).resolves.toMatchObject({
      tokenType: expect.any(String),
    });
  });

  it('openBrowser: false opens nothing and hands the app the address', async () => {
    const opened: string[] = [];
    const rec = await signInServiceFor([oidcEntry(idp)], {
      openExternal: async (url) => {
        opened.push(url);
        return true;
      },
    });
    track(rec.service);
    const own = await rec.service.signIn('corp', { openBrowser: false });
    expect(opened).toEqual([]);
    expect(own.openedByHost).toBe(false);
    expect(new URL(own.authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
    // Without it the host opens the browser itself.
    const hosted = await rec.service.signIn('corp');
    expect(opened).toEqual([hosted.authorizationUrl]);
    rec.service.cancel('corp');
  });

  it('authorizationParams reach the provider; the flow’s own parameters cannot be set', async () => {
    const rec = await service(undefined, { authorizationParams: { ui_locales: 'de' } });
    const { authorizationUrl } = await rec.service.signIn('corp', {
      authorizationParams: { login_hint: 'grace', max_age: '0' },
    });
    const params = new URL(authorizationUrl).searchParams;
    expect(params.get('ui_locales')).toBe('de');
    expect(params.get('login_hint')).toBe('grace');
    expect(params.get('max_age')).toBe('0');
    rec.service.cancel('corp');
    for (const name of [
      'state',
      'nonce',
      'code_challenge',
      'redirect_uri',
      'client_id',
      'response_type',
      'scope',
    ]) {
      const refused = await rec.service
        .signIn('corp', { authorizationParams: { [name]: 'x' } })
        .catch((e: unknown) => e);
      expect(refused, name).toMatchObject({ code: 'invalid_argument' });
      expect((refused as Error).message).toContain(`"${name}" is set by the sign-in itself`);
    }
  });

  it('a result page per call replaces the providers file’s, placeholders escaped', async () => {
    const rec = await service();
    const { page } = await signInAs(rec, 'ada', {
      completePageHtml: '<h1 id="mine">All done with {{provider}}</h1>',
    });
    expect(page).toContain('<h1 id="mine">All done with Corp</h1>');
  });
});
