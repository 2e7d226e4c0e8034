import { describe, expect, it } from 'vitest';
import { backoffDelay, refreshDueAt, refreshMargin } from '../../../src/main/auth/scheduling.ts';

describe('refresh scheduling', () => {
  it('refreshes 60 s ahead for normal tokens, a quarter of the lifetime for short ones', () => {
    expect(refreshMargin(3600_000)).toBe(60_000);
    expect(refreshMargin(120_000)).toBe(30_000);
    expect(refreshMargin(2_000)).toBe(500);
    expect(refreshDueAt(0, 3600_000)).toBe(3540_000);
    expect(refreshDueAt(0, undefined)).toBeNull();
  });

  it('backs off exponentially with jitter, capped at 5 minutes', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, mid))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, mid)).toBe(300_000);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
