/**
 * Passphrase encryption beside a bare crypto.pbkdf2 with the same parameters, parallel beside serial decrypts,
 * the longest event-loop stall during an encrypt, and Fernet alone beside Python's cryptography.
 */
import { spawnSync } from 'node:child_process';
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { fernetDecrypt, fernetEncrypt } from '../src/main/services/crypto/fernet.ts';
import { decrypt, encrypt } from '../src/main/services/crypto/passphrase-encryption.ts';
import { FLET_ITERATIONS as ITERATIONS } from '../src/shared/flet-encryption.ts';
import { row, timeBatch, timeEach, type BenchRow } from './lib.ts';

const FLET_ITERATIONS = ITERATIONS.current;

const pbkdf2Async = promisify(pbkdf2);
const text1k = 'x'.repeat(1024);
const PY = '/usr/bin/python3';

async function longestStallDuring(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  await work();
  clearInterval(timer);
  return Math.max(0, longest);
}

function pythonFernet(size: number): { encryptUs: number; decryptUs: number } | null {
  const script = `
import json, os, timeit
from cryptography.fernet import Fernet
f = Fernet(Fernet.generate_key()); data = os.urandom(${size}); tok = f.encrypt(data)
n = ${size > 100000 ? 20 : 2000}
e = min(timeit.repeat(lambda: f.encrypt(data), number=n, repeat=5)) / n
d = min(timeit.repeat(lambda: f.decrypt(tok), number=n, repeat=5)) / n
print(json.dumps({"encryptUs": e * 1e6, "decryptUs": d * 1e6}))`;
  const r = spawnSync(PY, ['-c', script], { encoding: 'utf8' });
  return r.status === 0 ? (JSON.parse(r.stdout) as { encryptUs: number; decryptUs: number }) : null;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const salt = randomBytes(16);
  // Interleaved (bare, encrypt, decrypt, bare, …) so drift in the machine's speed hits all three alike.
  const token = await encrypt(text1k, 'passphrase');
  const samples = { bare: [] as number[], enc: [] as number[], dec: [] as number[] };
  const time = async (list: number[], fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await fn();
    list.push(Number(process.hrtime.bigint() - start) / 1000);
  };
  await pbkdf2Async('passphrase', salt, FLET_ITERATIONS, 32, 'sha256'); // warm-up
  for (let i = 0; i < 9; i++) {
    await time(samples.bare, () => pbkdf2Async('passphrase', salt, FLET_ITERATIONS, 32, 'sha256'));
    await time(samples.enc, () => encrypt(text1k, 'passphrase'));
    await time(samples.dec, () => decrypt(token, 'passphrase'));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bare = { medianUs: med(samples.bare) };
  const enc = { medianUs: med(samples.enc) };
  const dec = { medianUs: med(samples.dec) };
  for (const [name, t] of [
    ['encrypt 1 KB (PBKDF2 600,000 + Fernet)', enc],
    ['decrypt 1 KB (PBKDF2 600,000 + Fernet)', dec],
  ] as const) {
    rows.push(
      row({
        group: 'encryption',
        name,
        value: t.medianUs / 1000,
        unit: 'ms',
        baseline: { name: 'bare crypto.pbkdf2, same parameters', value: bare.medianUs / 1000 },
        target: '≤ 1.1× baseline',
        maxRatio: 1.1,
      }),
    );
  }

  const serial = await timeEach(
    async () => {
      for (let i = 0; i < 4; i++) await decrypt(token, 'passphrase');
    },
    3,
    1,
  );
  const parallel = await timeEach(
    () => Promise.all([0, 1, 2, 3].map(() => decrypt(token, 'passphrase'))),
    3,
    1,
  );
  rows.push(
    row({
      group: 'encryption',
      name: '4 decrypts in parallel',
      value: parallel.medianUs / 1000,
      unit: 'ms',
      baseline: { name: '4 decrypts in a row', value: serial.medianUs / 1000 },
      target: '≤ 0.6× baseline (2 cores)',
      maxRatio: 0.6,
    }),
  );

  // The timer that measures stalls is itself late now and then (GC, the other core busy with PBKDF2), so each
  // encrypt is measured beside a bare crypto.pbkdf2 with the same parameters, interleaved.
  const stalls: number[] = [];
  const bareStalls: number[] = [];
  for (let i = 0; i < 9; i++) {
    bareStalls.push(
      await longestStallDuring(() => pbkdf2Async('passphrase', salt, FLET_ITERATIONS, 32, 'sha256')),
    );
    stalls.push(await longestStallDuring(() => encrypt(text1k, 'passphrase')));
  }
  rows.push(
    row({
      group: 'encryption',
      name: 'longest event-loop stall during an encrypt (median of 9 encrypts)',
      value: med(stalls),
      unit: 'ms',
      baseline: { name: 'same measure during a bare crypto.pbkdf2', value: med(bareStalls) },
      target: '≤ 5 ms',
      maxValue: 5,
    }),
    row({
      group: 'encryption',
      name: 'worst event-loop stall over those 9 encrypts',
      value: Math.max(...stalls),
      unit: 'ms',
      baseline: { name: 'worst during bare crypto.pbkdf2', value: Math.max(...bareStalls) },
      target: 'beside baseline',
    }),
  );

  const key = randomBytes(32);
  for (const size of [1024, 1024 * 1024]) {
    const data = randomBytes(size);
    const tok = fernetEncrypt(key, data);
    const count = size > 100_000 ? 20 : 5000;
    const e = await timeBatch(() => fernetEncrypt(key, data), count, 5);
    const d = await timeBatch(() => fernetDecrypt(key, tok), count, 5);
    const py = pythonFernet(size);
    const label = size > 100_000 ? '1 MB' : '1 KB';
    rows.push(
      row({
        group: 'encryption',
        name: `Fernet encrypt ${label}, no key derivation`,
        value: e.medianUs,
        unit: 'µs',
        ...(py ? { baseline: { name: "Python cryptography's Fernet", value: py.encryptUs } } : {}),
        target: py ? 'beside Python' : 'Python not present',
      }),
      row({
        group: 'encryption',
        name: `Fernet decrypt ${label}, no key derivation`,
        value: d.medianUs,
        unit: 'µs',
        ...(py ? { baseline: { name: "Python cryptography's Fernet", value: py.decryptUs } } : {}),
        target: py ? 'beside Python' : 'Python not present',
      }),
    );
  }
  return rows;
}
