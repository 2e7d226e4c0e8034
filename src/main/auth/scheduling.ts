/** When to refresh, and how long to wait after a failure. Pure, so the policy is tested directly. */

/**
 * Never refresh a token sooner than this after it was issued. A provider that answers with a token already
 * due (`expires_in: 0`, or one second) would otherwise be asked again at once, in a loop.
 */
export const MIN_REFRESH_INTERVAL_MS = 10_000;

/** Refresh this long before expiry: 60 s, scaled down to a quarter of the lifetime for short-lived tokens. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.max(0, Math.min(60_000, lifetimeMs / 4));
}

/** When a token is due for refresh (epoch ms), or null when it has no known lifetime. */
export function refreshDueAt(issuedAt: number, expiresAt: number | undefined): number | null {
  if (expiresAt === undefined) return null;
  return Math.max(issuedAt + MIN_REFRESH_INTERVAL_MS, expiresAt - refreshMargin(expiresAt - issuedAt));
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … at most 5 minutes. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
