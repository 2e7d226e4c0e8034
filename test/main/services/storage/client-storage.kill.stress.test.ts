import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const writer = fileURLToPath(new URL('../../../helpers/storage-writer.ts', import.meta.url));
const ROUNDS = 30;

interface Round {
  acked: Set<number>;
  counter: number;
}

/** Runs the writer until it has acknowledged `killAfter` more sets, then SIGKILLs it. */
function runAndKill(dir: string, killAfter: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, '8192'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Set<number>();
    let counter = -1;
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'ok') acked.add(Number(n));
        if (word === 'counter') counter = Math.max(counter, Number(n));
      }
      if (!killed && acked.size >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ acked, counter });
      else reject(new Error(`writer exited ${code}: ${stderr}`));
    });
  });
}

describe('client storage under SIGKILL', () => {
  it(`always opens and keeps every acknowledged set, over ${ROUNDS} kills`, async () => {
    const dir = tempDir('kill');
    const expected = new Map<number, true>();
    let counterFloor = -1;
    for (let round = 0; round < ROUNDS; round++) {
      const { acked, counter } = await runAndKill(dir, randomInt(1, 400));
      for (const k of acked) expected.set(k, true);
      counterFloor = Math.max(counterFloor, counter);

      const store = await ClientStorage.open({ dir, log: { warn: () => {}, error: () => {} } });
      try {
        expect(store.recovered).toEqual([]);
        for (const k of expected.keys()) {
          expect(store.get(`k${k}`)).toEqual({ k, pad: 'x'.repeat(k % 300) });
        }
        if (counterFloor >= 0) expect(store.get('counter') as number).toBeGreaterThanOrEqual(counterFloor);
      } finally {
        await store.close();
      }
    }
    expect(expected.size).toBeGreaterThan(ROUNDS);
  });
});
