/**
 * A laptop that sleeps: the shipped web host (out/main/web.js, built by `npm test` first) is frozen with
 * SIGSTOP for 45 s, well past its 20-second access token's expiry, against a real OpenID provider. A few
 * seconds after SIGCONT it must still be signed in, with a fresh token. The 45 s freeze is the scenario
 * itself, not a wait for something to happen.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { delay } from '../../../src/main/async.ts';
import { webApi, type WebCall } from '../../e2e/helpers/web-api.ts';
import { startWebHost, type RunningWebHost } from '../../e2e/helpers/web-host.ts';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const TOKEN_SECONDS = 20;
const FROZEN_MS = 45_000;

let idp: TestIdp;
let web: RunningWebHost;
let call: WebCall;

interface State {
  status: string;
  expiresAt?: number | null;
  fingerprint?: string;
}
const state = async (): Promise<State> =>
  ((await call('auth.providers', [])) as { providers: Array<{ id: string; state: State }> }).providers.find(
    (p) => p.id === 'corp',
  )!.state;

beforeAll(async () => {
  idp = await startTestIdp({ accessTokenTtl: TOKEN_SECONDS });
  const file = path.join(tempDir('sleep-wake'), 'providers.json');
  writeFileSync(file, JSON.stringify({ providers: [oidcEntry(idp)] }));
  web = await startWebHost(['--providers', file]);
  call = await webApi(web, 'sleep-wake-1');
});
afterAll(async () => {
  web?.process.kill('SIGCONT'); // in case the test failed while it was frozen
  expect(await web?.stop()).toBe(0);
  await idp?.close();
});

describe('sleep and wake', () => {
  it('is still signed in with a fresh token a few seconds after a freeze past the token expiry', async () => {
    const { authorizationUrl } = (await call('auth.signIn', ['corp', {}])) as { authorizationUrl: string };
    await fetch(await approveOverHttp(authorizationUrl), { redirect: 'manual' });
    await vi.waitFor(async () => expect((await state()).status).toBe('signedIn'), { timeout: 10_000 });
    const before = await state();
    const refreshes = idp.grants.refresh_token ?? 0;

    const pid = web.process.pid!;
    process.kill(pid, 'SIGSTOP');
    await delay(FROZEN_MS);
    process.kill(pid, 'SIGCONT');
    const resumedAt = Date.now();
    expect(before.expiresAt!).toBeLessThan(resumedAt);

    await vi.waitFor(
      async () => {
        const after = await state();
        expect(after.status).toBe('signedIn');
        expect(after.expiresAt!).toBeGreaterThan(resumedAt);
        expect(after.fingerprint).not.toBe(before.fingerprint);
      },
      { timeout: 8000, interval: 250 },
    );
    expect(idp.grants.refresh_token ?? 0).toBeGreaterThan(refreshes);
  }, 120_000);
});
