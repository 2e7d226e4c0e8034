import { describe, expect, it } from 'vitest';
import { HostError } from '../../src/shared/errors.ts';
import { decideOpen, OPEN_RATE, OpenBudget } from '../../src/shared/open-budget.ts';

describe('decideOpen', () => {
  const rate = { limit: 3, perMs: 1000 };

  it('allows up to the limit within the window, then refuses with the wait until the oldest expires', () => {
    let times: number[] = [];
    for (const now of [0, 100, 200]) {
      const d = decideOpen(times, now, rate);
      expect(d.allowed).toBe(true);
      times = d.times;
    }
    const refused = decideOpen(times, 300, rate);
    expect(refused).toEqual({ allowed: false, times: [0, 100, 200], retryAfterMs: 700 });
  });

  it('lets opens older than the window go, and does not count refused attempts', () => {
    const full = [0, 100, 200];
    expect(decideOpen(full, 999, rate).allowed).toBe(false);
    expect(decideOpen(full, 1000, rate)).toEqual({ allowed: true, times: [100, 200, 1000] });
  });

  it('still counts opens that look in the future after the clock went back', () => {
    expect(decideOpen([5000, 5100, 5200], 4500, rate).allowed).toBe(false);
  });
});

describe('OpenBudget', () => {
  it('gives each window 10 opens a minute and answers the 11th with forbidden, reason rate_limited', () => {
    let now = 1_000_000;
    const budget = new OpenBudget(() => now);
    for (let i = 0; i < OPEN_RATE.limit; i++) budget.take('window-1');
    let refusal: unknown;
    try {
      budget.take('window-1');
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(HostError);
    expect((refusal as HostError).toJSON()).toMatchObject({
      code: 'forbidden',
      details: { reason: 'rate_limited', limit: 10, perSeconds: 60, retryAfterSeconds: 60 },
    });
    // Another window has its own budget; a minute later the first has room again.
    expect(() => budget.take('window-2')).not.toThrow();
    now += 60_000;
    expect(() => budget.take('window-1')).not.toThrow();
  });
});
