/** Remember me: the vault with the sign-in service, against a real OpenID provider and real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { approveInBrowser } from '../../helpers/idp-browser.ts';
import { NATIVE_CLIENT, oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { track } from '../../helpers/disposables.ts';
import { signInServiceFor, type Recorded } from '../../helpers/sign-in.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

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

const corp = (issuer = idp.issuer) => oidcEntry({ issuer }, { fetchGroups: true });

async function signInOnce(
  dir: string,
  options: { rememberMe?: boolean } = {},
  entry = corp(),
): Promise<Recorded> {
  const rec = tracked(await signInServiceFor([entry], {}, dir));
  await rec.service.restore();
  const { authorizationUrl } = await rec.service.signIn('corp', options);
  const done = rec.next('auth.signedIn', 'corp');
  await approveInBrowser(browser.context, authorizationUrl);
  await done;
  return rec;
}

/** Closed after the test: the service first, then the vault it writes to. */
function tracked(rec: Recorded): Recorded {
  if (rec.vault) track(rec.vault);
  track(rec.service);
  return rec;
}

/** A second launch on the same data directory. */
async function relaunch(prev: Recorded, dir: string, now?: () => number, entry = corp()): Promise<Recorded> {
  prev.service.close();
  await prev.vault?.close();
  return tracked(await signInServiceFor([entry], now ? { now } : {}, dir));
}

describe('remember me', () => {
  it('restores the user at once from the vault on the next launch, without any interaction', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir);
    expect(first.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedIn',
      remembered: true,
      restored: false,
    });
    const grantsBefore = idp.grants.refresh_token ?? 0;
    const second = await relaunch(first, dir);
    const signedIn = second.next('auth.signedIn', 'corp');
    await second.service.restore();
    expect((await signedIn).user).toMatchObject({ id: 'ada', name: 'Ada Lovelace' });
    expect(second.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedIn',
      restored: true,
      remembered: true,
      groupNames: ['admins', 'engineering'],
    });
    // A fresh token: no refresh was needed.
    expect((idp.grants.refresh_token ?? 0) - grantsBefore).toBe(0);
  });

  it('refreshes an expired access token against the provider on restore', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir);
    const before = (await first.service.accessToken('corp')).accessToken;
    const grantsBefore = idp.grants.refresh_token ?? 0;
    // An hour later: the stored access token has expired.
    const second = await relaunch(first, dir, () => Date.now() + 3600_000);
    const refreshed = second.next('auth.changed', 'corp');
    await second.service.restore();
    await refreshed;
    const after = await second.service.accessToken('corp');
    expect(after.accessToken).not.toBe(before);
    expect((idp.grants.refresh_token ?? 0) - grantsBefore).toBe(1);
  });

  it('offline at launch: signed in from the cache, with the refresh problem shown', async () => {
    const own = await startTestIdp();
    const dir = tempDir();
    const first = await signInOnce(dir, {}, corp(own.issuer));
    await own.close();
    const second = await relaunch(first, dir, () => Date.now() + 3600_000, corp(own.issuer));
    const signedIn = second.next('auth.signedIn', 'corp');
    await second.service.restore();
    await signedIn;
    await expect(second.service.accessToken('corp')).rejects.toMatchObject({ code: 'unavailable' });
    expect(second.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedIn',
      restored: true,
      refreshProblem: expect.stringContaining('retrying'),
    });
  });

  it('invalid_grant at restore signs out with the reason and forgets the entry', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir);
    // The refresh token the host holds, as Flet's export hands it out.
    const refreshToken = (JSON.parse(await first.service.exportToken('corp')) as { refresh_token: string })
      .refresh_token;
    await fetch(`${idp.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: NATIVE_CLIENT,
      }),
    });
    const second = await relaunch(first, dir, () => Date.now() + 3600_000);
    const signedOut = second.next('auth.signedOut', 'corp');
    await second.service.restore();
    expect((await signedOut).reason).toContain('invalid_grant');
    expect(second.vault!.status().remembered).toEqual([]);
  });

  it('without remember me nothing outlives the process; sign-out and forget-all remove entries', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir, { rememberMe: false });
    expect(first.vault!.status().remembered).toEqual([]);
    expect(first.service.overview().providers[0]!.state).toMatchObject({ remembered: false });
    const second = await relaunch(first, dir);
    await second.service.restore();
    expect(second.service.overview().providers[0]!.state.status).toBe('signedOut');

    const third = await signInOnce(dir);
    expect(third.vault!.status().remembered).toEqual(['corp']);
    await third.service.signOut('corp');
    expect(third.vault!.status().remembered).toEqual([]);
    const { authorizationUrl } = await third.service.signIn('corp');
    const done = third.next('auth.signedIn', 'corp');
    await approveInBrowser(browser.context, authorizationUrl);
    await done;
    await third.service.forgetAll();
    expect(third.vault!.status().remembered).toEqual([]);
  });

  it('a provider whose configuration changed does not get the old tokens', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir);
    const second = await relaunch(first, dir, undefined, { ...corp(), clientId: 'another-client' });
    await second.service.restore();
    expect(second.service.overview().providers[0]!.state.status).toBe('signedOut');
    expect(second.vault!.status().remembered).toEqual([]);
  });
});

describe("Flet's token JSON", () => {
  it('exports in Flet shape and signs in again from it, never renewing an expired one', async () => {
    const dir = tempDir();
    const first = await signInOnce(dir, { rememberMe: false });
    const exported = JSON.parse(await first.service.exportToken('corp')) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual([
      'access_token',
      'expires_at',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    // Flet's shape: scope is a list (oauthlib's), as Flet's OAuthToken.to_json() writes it.
    expect(exported.scope).toEqual(expect.arrayContaining(['openid']));
    first.service.close();

    const fresh = await signInServiceFor([corp()]);
    track(fresh.service);
    const state = await fresh.service.importToken('corp', JSON.stringify(exported), { rememberMe: false });
    // Confirmed by the provider; its refresh token is not kept (import-policy.ts), and the card says so.
    expect(state).toMatchObject({
      status: 'signedIn',
      user: { id: 'ada' },
      imported: true,
      hasRefreshToken: false,
    });

    // What a Flet app saved: scope as a list, fields in Flet's order, no nulls.
    const fromFlet = {
      access_token: exported.access_token,
      scope: exported.scope,
      token_type: exported.token_type,
      refresh_token: exported.refresh_token,
    };
    const flet = await signInServiceFor([corp()]);
    track(flet.service);
    const fletState = await flet.service.importToken('corp', JSON.stringify(fromFlet), { rememberMe: false });
    expect(fletState).toMatchObject({ status: 'signedIn', user: { id: 'ada' } });
    flet.service.close();

    const grantsBefore = idp.grants.refresh_token ?? 0;
    const expired = { ...exported, expires_at: Date.now() / 1000 - 60, expires_in: 0 };
    const again = await signInServiceFor([corp()]);
    track(again.service);
    // The old code redeemed the imported refresh token with the app's client: a page could sign the app in
    // with anyone's refresh token. Now an expired import is refused and the provider sees no refresh grant.
    await expect(
      again.service.importToken('corp', JSON.stringify(expired), { rememberMe: false }),
    ).rejects.toMatchObject({ code: 'invalid_argument', details: { reason: 'saved_token_expired' } });
    expect((idp.grants.refresh_token ?? 0) - grantsBefore).toBe(0);

    await expect(again.service.importToken('corp', '{"token": 1}')).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('access_token'),
    });
  });
});
