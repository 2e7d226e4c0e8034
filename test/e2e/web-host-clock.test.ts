/**
 * The shipped web host's clock is the system's: an environment variable that once shifted it for tests
 * (LATCHKEY_CLOCK_OFFSET_MS) must do nothing, or anyone who can set it could make tokens look fresh or expired.
 * Tests that need a clock running ahead use the test-only entry (helpers/web-host-clock-ahead.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from './helpers/web-api.ts';
import { startWebHost, type RunningWebHost, type WebHostOptions } from './helpers/web-host.ts';

const DAY = 24 * 3600_000;
let running: RunningWebHost | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
});

/** Starts a sign-in with the demo provider and reads back when the host says it started (its own clock). */
async function hostClock(
  options: WebHostOptions,
): Promise<{ startedAt: number; before: number; after: number }> {
  const h = (running = await startWebHost(['--demo-idp'], undefined, options));
  const call = await webApi(h, 'clock-probe-1');
  const before = Date.now();
  await call('auth.signIn', ['demo', {}]);
  const overview = (await call('auth.providers', [])) as {
    providers: Array<{ id: string; state: { status: string; startedAt?: number } }>;
  };
  const after = Date.now();
  await call('auth.cancel', ['demo']);
  const state = overview.providers.find((p) => p.id === 'demo')?.state;
  expect(state?.status).toBe('pending');
  return { startedAt: state?.startedAt ?? Number.NaN, before, after };
}

describe('the web host clock', () => {
  it('ignores LATCHKEY_CLOCK_OFFSET_MS in the shipped entry (out/main/web.js)', async () => {
    const { startedAt, before, after } = await hostClock({ env: { LATCHKEY_CLOCK_OFFSET_MS: String(DAY) } });
    expect(startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(startedAt).toBeLessThanOrEqual(after + 1000);
    expect(await running?.stop()).toBe(0);
  });

  it('runs ahead only from the test-only entry, which injects the clock', async () => {
    const { startedAt, before, after } = await hostClock({ clockAheadMs: DAY });
    expect(startedAt).toBeGreaterThanOrEqual(before + DAY - 1000);
    expect(startedAt).toBeLessThanOrEqual(after + DAY + 1000);
    expect(await running?.stop()).toBe(0);
  });
});
