/**
 * How many popups and external opens (system-browser tabs, mail, phone and app handlers) one window may start
 * in a while: a page that loops over `link.open` or `window.open` must not flood the desktop. The decision is
 * a pure function of the times of the earlier opens; the budget only keeps those times per window.
 */
import { HostError } from './errors.ts';

export interface OpenRate {
  /** Opens allowed within `perMs`. */
  limit: number;
  perMs: number;
}

/** README "Links": 10 a minute per window. */
export const OPEN_RATE: OpenRate = { limit: 10, perMs: 60_000 };

export type OpenDecision =
  { allowed: true; times: number[] } | { allowed: false; times: number[]; retryAfterMs: number };

/**
 * A sliding window: the opens of the last `perMs` count; one more is allowed while they are fewer than
 * `limit`. `times` is what to keep for next time (refused attempts are not counted, so waiting always helps).
 */
export function decideOpen(
  earlier: readonly number[],
  now: number,
  rate: OpenRate = OPEN_RATE,
): OpenDecision {
  // A clock that went back makes earlier opens look "in the future": they still count until perMs after now.
  const recent = earlier.filter((t) => now - t < rate.perMs && t - now < rate.perMs);
  if (recent.length < rate.limit) return { allowed: true, times: [...recent, now] };
  const oldest = Math.min(...recent);
  return { allowed: false, times: recent, retryAfterMs: Math.max(1, rate.perMs - (now - oldest)) };
}

/** The refusal callers answer with: `forbidden`, reason `rate_limited`, and the numbers. */
export function rateLimitedError(rate: OpenRate, retryAfterMs: number): HostError<'forbidden'> {
  const perSeconds = Math.round(rate.perMs / 1000);
  const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  return new HostError(
    'forbidden',
    `this window opened too many links and popups (at most ${rate.limit} in ${perSeconds} seconds); try again in ${retryAfterSeconds} s`,
    { details: { reason: 'rate_limited', limit: rate.limit, perSeconds, retryAfterSeconds } },
  );
}

/** The times per window (by client id), shared by `link.open` and the web-contents guards. */
export class OpenBudget {
  readonly #times = new Map<string, number[]>();
  readonly #now: () => number;
  readonly rate: OpenRate;

  constructor(now: () => number = Date.now, rate: OpenRate = OPEN_RATE) {
    this.#now = now;
    this.rate = rate;
  }

  /** Takes one open for this window when the budget has room; says whether it did. */
  tryTake(windowId: string): OpenDecision {
    const decision = decideOpen(this.#times.get(windowId) ?? [], this.#now(), this.rate);
    this.#times.set(windowId, decision.times);
    return decision;
  }

  /** Takes one open for this window, or throws the `rate_limited` refusal. */
  take(windowId: string): void {
    const decision = this.tryTake(windowId);
    if (!decision.allowed) throw rateLimitedError(this.rate, decision.retryAfterMs);
  }

  /** A closed window's times are dropped. */
  forget(windowId: string): void {
    this.#times.delete(windowId);
  }
}
