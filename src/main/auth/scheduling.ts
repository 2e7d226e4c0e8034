/** When to refresh, and how long to wait after a failure. Pure, so the policy is tested directly. */

/** Refresh this long before expiry: 60 s, scaled down to a quarter of the lifetime for short-lived tokens. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.max(0, Math.min(60_000, lifetimeMs / 4));
}

export function refreshDueAt(issuedAt: number, expiresAt: number | undefined): number | null {
  if (expiresAt === undefined) return null;
  return expiresAt - refreshMargin(expiresAt - issuedAt);
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … at most 5 minutes. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
