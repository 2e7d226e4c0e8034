/**
 * The refresh storm, end to end: a real OpenID provider hands out a 30-day access token (past what
 * setTimeout keeps), and one of 1 second (as near `expires_in: 0` as oidc-provider goes: it refuses a TTL
 * of 0, which the fake-clock test in token-session.test.ts covers); a real sign-in through Chromium, then a
 * restore from the vault at the next launch. The provider counts its refresh grants over a 5-second window each time: the
 * old timer fired every millisecond (286 to 800 token requests a second were measured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delay } from '../../../src/main/async.ts';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { track } from '../../helpers/disposables.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor, signInThroughBrowser } from '../../helpers/sign-in.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** How long each count runs: the measurement itself, not a wait for something to happen. */
const WINDOW_MS = 5000;

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function refreshesDuring(idp: TestIdp, ms: number): Promise<number> {
  const before = idp.grants.refresh_token ?? 0;
  await delay(ms);
  return (idp.grants.refresh_token ?? 0) - before;
}

describe.each([
  ['a 30-day access token', 30 * 24 * 3600, 1],
  // Due at once: the old code asked again every 750 ms; no refresh comes sooner than 10 s after the last.
  ['a 1-second access token', 1, 1],
])('%s with a refresh token', (_label, ttl, allowed) => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp({ accessTokenTtl: ttl });
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('makes at most one token request in 5 s after sign-in, and after a restore at launch', async () => {
    const dir = tempDir('refresh-storm');
    const entry = oidcEntry(idp);
    const first = await signInServiceFor([entry], {}, dir);
    track(first.service);
    await signInThroughBrowser(first, browser.context);
    const state = first.service.overview().providers[0]!.state;
    expect(state).toMatchObject({ status: 'signedIn', hasRefreshToken: true });
    const afterSignIn = await refreshesDuring(idp, WINDOW_MS);
    console.log(`${_label}: ${afterSignIn} refresh requests in ${WINDOW_MS} ms after sign-in`);
    expect(afterSignIn).toBeLessThanOrEqual(allowed);

    first.service.close();
    await first.vault?.close();
    const second = await signInServiceFor([entry], {}, dir);
    track(second.service);
    await second.service.restore();
    expect(second.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedIn',
      restored: true,
    });
    const afterRestore = await refreshesDuring(idp, WINDOW_MS);
    console.log(`${_label}: ${afterRestore} refresh requests in ${WINDOW_MS} ms after a restore`);
    expect(afterRestore).toBeLessThanOrEqual(allowed);
    await second.vault?.close();
  }, 60_000);
});
