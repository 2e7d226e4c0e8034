import { describe, expect, it } from 'vitest';
import { DerivationQueue } from '../../../../src/main/services/crypto/derivation-queue.ts';
import { derivations, encrypt } from '../../../../src/main/services/crypto/passphrase-encryption.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('DerivationQueue', () => {
  it('runs at most two at once, the rest in order as slots free up', async () => {
    const queue = new DerivationQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, gate);
    const jobs = gates.map((g, i) =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await g.opened;
        running--;
        return i;
      }),
    );
    expect(queue.queued).toBe(4);
    for (const g of gates) g.open();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('cancels a queued derivation before it starts, and the others still run', async () => {
    const queue = new DerivationQueue(1);
    const first = gate();
    const a = queue.run(() => first.opened.then(() => 'a'));
    const controller = new AbortController();
    let started = false;
    const b = queue.run(async () => {
      started = true;
      return 'b';
    }, controller.signal);
    const c = queue.run(async () => 'c');
    controller.abort();
    await expect(b).rejects.toMatchObject({ code: 'cancelled' });
    first.open();
    expect(await a).toBe('a');
    expect(await c).toBe('c');
    expect(started).toBe(false);
  });

  it('holds the real encryptions to two derivations at a time', async () => {
    const all = Promise.all(
      Array.from({ length: 6 }, (_, i) => encrypt(`t${i}`, 'p', { iterations: 100_000 })),
    );
    expect(derivations.queued).toBe(4);
    expect(await all).toHaveLength(6);
    expect(derivations.queued).toBe(0);
  });
});
