/** The store lock raced for real: exactly one owner among 4 processes, 100 times over. Slow: a stress test. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defer } from '../../../helpers/disposables.ts';
import { deadPid, racer, type Racer } from '../../../helpers/lock-racer.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

describe('store lock', () => {
  it('gives a stale lock to exactly one of 4 processes racing for it, 100 times over', async () => {
    const seed = Date.now();
    console.log(`lock race: 100 trials x 4 processes (seed ${seed})`);
    // A failed trial must not leave its racers holding on (and the test worker with them).
    let racers: Racer[] = [];
    defer(() => Promise.all(racers.map((r) => r.stop())), 'the racers');
    const owners: number[] = [];
    for (let trial = 0; trial < 100; trial++) {
      const lock = path.join(tempDir('lock-race'), 'store.lock');
      // Left by a crashed owner: every racer sees it stale and tries to take it over.
      writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: '1', boot: null }));
      racers = Array.from({ length: 4 }, () => racer(lock));
      // Each starts loading now and tries as soon as it has loaded and read "go": they meet at the lock.
      for (const r of racers) r.child.stdin!.write('go\n');
      const answers = await Promise.all(racers.map((r) => r.answer));
      owners.push(answers.filter((a) => a === 'owner').length);
      expect(
        answers.every((a) => a === 'owner' || a === 'refused'),
        answers.join(','),
      ).toBe(true);
      await Promise.all(racers.map((r) => r.stop()));
    }
    expect(owners).toEqual(Array(100).fill(1));
  }, 240_000);
});
