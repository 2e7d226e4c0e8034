/**
 * The sign-in service against a real OpenID provider on 127.0.0.1, with real Chromium playing the user on
 * the provider's own login and consent pages.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { approveDeviceInBrowser, approveInBrowser } from '../../helpers/idp-browser.ts';
import {
  CONFIDENTIAL_CLIENT,
  CONFIDENTIAL_POST_CLIENT,
  CONFIDENTIAL_SECRET,
  NATIVE_CLIENT,
  oidcEntry,
  startTestIdp,
  type TestIdp,
} from '../../helpers/idp.ts';
import { track } from '../../helpers/disposables.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

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

const native = () => oidcEntry(idp);
const confidential = () =>
  oidcEntry(idp, {
    id: 'corp-secret',
    name: 'Corp (secret)',
    clientId: CONFIDENTIAL_CLIENT,
    clientSecret: CONFIDENTIAL_SECRET,
    fetchGroups: true,
  });

/** The services' clock: tests move time forward instead of reaching into a session. */
let clockOffset = 0;
const now = () => Date.now() + clockOffset;

async function signedIn(entries: unknown[], id: string, options = {}) {
  clockOffset = 0;
  const rec = await signInServiceFor(entries, { now });
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn(id, options);
  const done = rec.next('auth.signedIn', id);
  const landing = await approveInBrowser(browser.context, authorizationUrl);
  return { rec, payload: await done, landing, authorizationUrl };
}

describe('browser sign-in against a real OpenID provider', () => {
  it('stray requests on the callback (wrong state, foreign Host, a cross-site image) leave it pending; the real redirect then signs in', async () => {
    const rec = await signInServiceFor([native()]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp');
    const redirect = new URL(new URL(authorizationUrl).searchParams.get('redirect_uri')!);
    const stray = (path: string, host = redirect.host) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: redirect.port, path, headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    expect(await stray(`${redirect.pathname}?code=x&state=guessed`)).toBe(400);
    expect(
      await stray(
        `${redirect.pathname}?code=x&state=${new URL(authorizationUrl).searchParams.get('state')}`,
        `attacker.example:${redirect.port}`,
      ),
    ).toBe(400);
    expect(await stray(redirect.pathname)).toBe(400); // what <img src="http://127.0.0.1:PORT/callback/corp"> sends
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'pending' });
    const done = rec.next('auth.signedIn', 'corp');
    await approveInBrowser(browser.context, authorizationUrl);
    expect((await done).user).toMatchObject({ id: 'ada' });
  });

  it('a native public client: PKCE, state, nonce; user from userinfo; the result page has no code in its URL', async () => {
    const { rec, payload, landing, authorizationUrl } = await signedIn([native()], 'corp');
    const url = new URL(authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(new URL(url.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    expect(payload.user).toMatchObject({
      id: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@demo.latchkey.invalid',
    });
    expect(landing.text).toContain('Signed in with Corp');
    expect(landing.url).not.toContain('code=');
    const state = rec.service.overview().providers[0]!.state;
    expect(state).toMatchObject({
      status: 'signedIn',
      groups: null,
      hasRefreshToken: true,
      tokenType: 'bearer',
    });
    expect(rec.broughtToFront).toBe(1);
  });

  it('a confidential client with groups from the groups claim', async () => {
    const { rec, payload } = await signedIn([confidential()], 'corp-secret');
    expect(payload.user?.id).toBe('ada');
    const state = rec.service.overview().providers[0]!.state;
    expect(state).toMatchObject({
      status: 'signedIn',
      groups: [
        { id: 'admins', name: 'admins' },
        { id: 'engineering', name: 'engineering' },
      ],
      groupNames: ['admins', 'engineering'],
    });
    expect(state.status === 'signedIn' && state.scopes).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email', 'groups']),
    );
  });

  it('a confidential client registered for client_secret_post signs in with clientAuthMethod', async () => {
    const post = oidcEntry(idp, {
      id: 'corp-secret',
      clientId: CONFIDENTIAL_POST_CLIENT,
      clientSecret: CONFIDENTIAL_SECRET,
      clientAuthMethod: 'client_secret_post',
    });
    const ok = await signedIn([post], 'corp-secret');
    expect(ok.payload.user?.id).toBe('ada');
  });

  it('two providers signed in at the same time, independently', async () => {
    const rec = await signInServiceFor([native(), confidential()]);
    track(rec.service);
    const a = await rec.service.signIn('corp');
    const b = await rec.service.signIn('corp-secret');
    const doneA = rec.next('auth.signedIn', 'corp');
    const doneB = rec.next('auth.signedIn', 'corp-secret');
    await approveInBrowser(browser.context, b.authorizationUrl, { account: 'grace' });
    await approveInBrowser(browser.context, a.authorizationUrl, { account: 'alan' });
    expect((await doneA).user?.id).toBe('alan');
    expect((await doneB).user?.id).toBe('grace');
    await rec.service.signOut('corp');
    const states = rec.service.overview().providers.map((p) => p.state.status);
    expect(states).toEqual(['signedOut', 'signedIn']);
  });

  it('refresh rotates the refresh token; the old one is then refused', async () => {
    const { rec } = await signedIn([native()], 'corp');
    const before = await rec.service.accessToken('corp');
    const oldRefresh = await idpRefreshToken(rec, 'corp');
    await rec.service.refresh('corp');
    const after = await rec.service.accessToken('corp');
    expect(after.accessToken).not.toBe(before.accessToken);
    const newRefresh = await idpRefreshToken(rec, 'corp');
    expect(newRefresh).not.toBe(oldRefresh);
    // Using the retired refresh token directly at the provider fails.
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: oldRefresh,
        client_id: NATIVE_CLIENT,
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('fifty concurrent token requests on an expired token cause exactly one refresh request', async () => {
    const { rec } = await signedIn([native()], 'corp');
    clockOffset = 3 * 3600_000; // past the access token's lifetime
    const before = idp.grants.refresh_token ?? 0;
    const results = await Promise.all(Array.from({ length: 50 }, () => rec.service.accessToken('corp')));
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect((idp.grants.refresh_token ?? 0) - before).toBe(1);
  });

  it('invalid_grant signs the provider out with a clear reason', async () => {
    const { rec } = await signedIn([native()], 'corp');
    // The provider forgets the grant (revoked elsewhere): the next refresh gets invalid_grant.
    await fetch(`${idp.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: await idpRefreshToken(rec, 'corp'),
        token_type_hint: 'refresh_token',
        client_id: NATIVE_CLIENT,
      }),
    });
    const signedOut = rec.next('auth.signedOut', 'corp');
    await expect(rec.service.refresh('corp')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await signedOut).reason).toContain('invalid_grant');
    expect(rec.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedOut',
      reason: expect.stringContaining('sign in again'),
    });
  });

  it('sign-out revokes the tokens at the provider', async () => {
    const { rec } = await signedIn([native()], 'corp');
    const { accessToken } = await rec.service.accessToken('corp');
    const userinfo = () => fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await userinfo()).status).toBe(200);
    await rec.service.signOut('corp');
    expect((await userinfo()).status).toBe(401);
    await expect(rec.service.accessToken('corp')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the authenticated-request helper calls userinfo, and refuses to send the token elsewhere', async () => {
    const { rec } = await signedIn([native()], 'corp');
    const res = await rec.service.request('corp', { url: `${idp.issuer}/me` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ sub: 'ada' });
    await expect(rec.service.request('corp', { url: 'https://evil.example/steal' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('the device authorization grant, confirmed in the browser', async () => {
    const rec = await signInServiceFor([native()]);
    track(rec.service);
    const device = await rec.service.signInWithDevice('corp');
    expect(device.userCode).toMatch(/\w/);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({
      status: 'pending',
      mode: 'device',
      userCode: device.userCode,
    });
    const done = rec.next('auth.signedIn', 'corp');
    await approveDeviceInBrowser(browser.context, device.verificationUri, device.userCode);
    expect((await done).user?.id).toBe('grace');
  });

  it('a device sign-in can be cancelled', async () => {
    const rec = await signInServiceFor([native()]);
    track(rec.service);
    await rec.service.signInWithDevice('corp');
    const failed = rec.next('auth.signInFailed', 'corp');
    expect(rec.service.cancel('corp')).toBe(true);
    expect(await failed).toMatchObject({ error: 'cancelled' });
  });
});

/** The refresh token the host holds, as Flet's token export hands it out (on purpose). */
async function idpRefreshToken(
  rec: Awaited<ReturnType<typeof signInServiceFor>>,
  id: string,
): Promise<string> {
  return (JSON.parse(await rec.service.exportToken(id)) as { refresh_token: string }).refresh_token;
}
