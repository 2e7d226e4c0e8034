/**
 * Client storage while many encryptions are queued: each durable `set` beside the same sets on an idle host.
 * Key derivation holds a libuv thread for ~100 ms; the derivation queue keeps two threads free for file I/O.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encrypt } from '../src/main/services/crypto/passphrase-encryption.ts';
import { ClientStorage } from '../src/main/services/storage/client-storage.ts';
import { row, type BenchRow } from './lib.ts';

const quiet = { warn() {}, error() {} };

async function setLatencies(store: ClientStorage, count: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await store.set(`key-${i % 20}`, { i, at: Date.now() });
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}

const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-contention-'));
  const store = await ClientStorage.open({ dir, log: quiet });
  try {
    await setLatencies(store, 20); // warm-up
    const idle = await setLatencies(store, 100);
    // 16 encryptions in flight (600,000 rounds each): about 1.6 s of key derivation queued.
    const encrypts = Promise.all(Array.from({ length: 16 }, (_, i) => encrypt(`text ${i}`, 'passphrase')));
    const busy = await setLatencies(store, 100);
    await encrypts;
    return [
      row({
        group: 'storage under load',
        name: 'clientStorage.set p99 while 16 encrypts are queued',
        value: p99(busy),
        unit: 'ms',
        baseline: { name: 'same sets on an idle host, p99', value: p99(idle) },
        target: '≤ 50 ms',
        maxValue: 50,
      }),
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
