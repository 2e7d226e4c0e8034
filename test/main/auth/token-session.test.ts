/**
 * The token session's refresh schedule, on a fake clock with a token endpoint that answers in memory. The
 * real openid-client makes the requests; only the network under it is replaced.
 */
import * as client from 'openid-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../../../src/main/async.ts';
import type { ProviderRuntime, TokenSet } from '../../../src/main/auth/providers/types.ts';
import { MIN_REFRESH_INTERVAL_MS } from '../../../src/main/auth/scheduling.ts';
import { TokenSession } from '../../../src/main/auth/token-session.ts';

const DAY = 24 * 3600 * 1000;

interface Endpoint {
  runtime: ProviderRuntime;
  requests: () => number;
}

/** A token endpoint that hands out `expires_in` (or none) with a new refresh token each time. */
function tokenEndpoint(expiresIn: number | undefined, status = 200): Endpoint {
  let requests = 0;
  const config = new client.Configuration(
    { issuer: 'https://idp.example.test', token_endpoint: 'https://idp.example.test/token' },
    'app',
  );
  config[client.customFetch] = async () => {
    requests++;
    const body =
      status === 200
        ? {
            access_token: `at-${requests}`,
            token_type: 'Bearer',
            refresh_token: `rt-${requests}`,
            ...(expiresIn === undefined ? {} : { expires_in: expiresIn }),
          }
        : { error: 'temporarily_unavailable' };
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  const runtime = {
    settings: { id: 'corp', name: 'Corp' },
    configuration: async () => config,
  } as unknown as ProviderRuntime;
  return { runtime, requests: () => requests };
}

function tokens(now: number, lifetimeMs: number | undefined): TokenSet {
  return {
    accessToken: 'at-0',
    tokenType: 'Bearer',
    refreshToken: 'rt-0',
    issuedAt: now,
    expiresAt: lifetimeMs === undefined ? undefined : now + lifetimeMs,
    scopes: ['openid'],
  };
}

const sessions: TokenSession[] = [];
function session(endpoint: Endpoint, set: TokenSet, persist = vi.fn(async () => {})) {
  const s = new TokenSession(endpoint.runtime, set, null, null, {
    now: () => Date.now(),
    persist,
    invalidated: vi.fn(),
    changed: vi.fn(),
    log: { warn: vi.fn() },
  });
  sessions.push(s);
  return s;
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.end();
  vi.useRealTimers();
});

describe('token session refresh schedule', () => {
  it('refreshes a 30-day token exactly once before it expires, not every millisecond', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(30 * 24 * 3600);
    const persist = vi.fn(async () => {});
    const s = session(endpoint, tokens(Date.now(), 30 * DAY), persist);
    const expiresAt = s.tokens.expiresAt!;
    // The delay is past what setTimeout keeps: the old code fired after 1 ms, again and again.
    expect(expiresAt - Date.now()).toBeGreaterThan(MAX_TIMER_DELAY_MS);
    await vi.advanceTimersByTimeAsync(5000);
    expect(endpoint.requests()).toBe(0);
    await vi.advanceTimersByTimeAsync(30 * DAY - 5000 - 60_001);
    expect(endpoint.requests()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(endpoint.requests()).toBe(1);
    expect(Date.now()).toBeLessThan(expiresAt);
    expect(s.tokens.accessToken).toBe('at-1');
    expect(persist).toHaveBeenCalledTimes(1);
    // The new token is scheduled once, 30 days on.
    expect(s.nextRefreshAt).toBe(s.tokens.expiresAt! - 60_000);
  });

  it('does not loop on expires_in 0: at most one refresh per minimum interval', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(0);
    session(endpoint, tokens(Date.now(), 0));
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS - 1);
    expect(endpoint.requests()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(endpoint.requests()).toBe(1);
    await vi.advanceTimersByTimeAsync(5 * MIN_REFRESH_INTERVAL_MS);
    expect(endpoint.requests()).toBeLessThanOrEqual(6);
  });

  it('schedules nothing when the provider gives no lifetime', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(undefined);
    const s = session(endpoint, tokens(Date.now(), undefined));
    expect(s.nextRefreshAt).toBeNull();
    await vi.advanceTimersByTimeAsync(365 * DAY);
    expect(endpoint.requests()).toBe(0);
    // Asked for a fresh token, it hands this one out (nothing says it expired).
    await expect(s.fresh()).resolves.toMatchObject({ accessToken: 'at-0' });
    expect(endpoint.requests()).toBe(0);
  });

  it('shares one refresh among callers and schedules a token only once', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(3600);
    const s = session(endpoint, tokens(Date.now() - 2 * 3600_000, 3600_000));
    const [a, b, c] = await Promise.all([s.fresh(), s.fresh(), s.refresh()]);
    expect(endpoint.requests()).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    await vi.advanceTimersByTimeAsync(3600_000 - 60_001);
    expect(endpoint.requests()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(endpoint.requests()).toBe(2);
  });

  it('backs off after a 5xx and keeps the session', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(3600, 503);
    const s = session(endpoint, tokens(Date.now() - 2 * 3600_000, 3600_000));
    await expect(s.refresh()).rejects.toMatchObject({ code: 'unavailable' });
    expect(s.refreshProblem).toMatch(/retrying/);
    // 1 s back-off with ±20 % jitter: nothing before 800 ms, one retry by 1.2 s.
    await vi.advanceTimersByTimeAsync(799);
    expect(endpoint.requests()).toBe(1);
    await vi.advanceTimersByTimeAsync(401);
    expect(endpoint.requests()).toBe(2);
  });

  it('hands out a token without a refresh token until it really expires, then ends with the reason', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(3600);
    const invalidated = vi.fn();
    const s = new TokenSession(
      endpoint.runtime,
      { ...tokens(Date.now(), 3600_000), refreshToken: undefined },
      null,
      null,
      { now: () => Date.now(), persist: vi.fn(), invalidated, changed: vi.fn(), log: { warn: vi.fn() } },
    );
    sessions.push(s);
    // The last minute of its life: still the user's token (the old code answered `unsupported` here).
    await vi.advanceTimersByTimeAsync(3600_000 - 30_000);
    await expect(s.fresh()).resolves.toMatchObject({ accessToken: 'at-0' });
    expect(invalidated).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(invalidated).toHaveBeenCalledWith(expect.stringMatching(/expired.*sign in again/));
    await expect(s.fresh()).rejects.toMatchObject({ code: 'forbidden' });
    expect(endpoint.requests()).toBe(0);
  });

  it('refreshes at once on wake when the token came due while the machine slept', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(3600);
    let slept = 0;
    const s = new TokenSession(endpoint.runtime, tokens(Date.now(), 3600_000), null, null, {
      now: () => Date.now() + slept,
      persist: vi.fn(async () => {}),
      invalidated: vi.fn(),
      changed: vi.fn(),
      log: { warn: vi.fn() },
    });
    sessions.push(s);
    // Two hours of suspend: the wall clock moved on, the process's timers did not.
    slept = 2 * 3600_000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(endpoint.requests()).toBe(0);
    s.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(endpoint.requests()).toBe(1);
    expect(s.tokens.accessToken).toBe('at-1');
  });

  it('stops every timer when it ends', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const endpoint = tokenEndpoint(3600);
    const s = session(endpoint, tokens(Date.now(), 3600_000));
    expect(s.nextRefreshAt).not.toBeNull();
    s.end();
    expect(s.nextRefreshAt).toBeNull();
    await vi.advanceTimersByTimeAsync(2 * 3600_000);
    expect(endpoint.requests()).toBe(0);
    await expect(s.refresh()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
