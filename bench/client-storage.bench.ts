/**
 * Client storage beside plain `conf` (electron-store's engine) doing the same work in the same run:
 * get and durable set at 100 / 1,000 / 10,000 keys, and a 10,000-key fill.
 */
import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientStorage } from '../src/main/services/storage/client-storage.ts';
import { encodeLine } from '../src/main/services/storage/journal-format.ts';
import { row, timeBatch, timeEach, type BenchRow } from './lib.ts';

const SIZES = [100, 1_000, 10_000];
const value = (i: number) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'], done: i % 2 === 0 });
const quiet = { warn() {}, error() {} };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-'));
  dirs.push(d);
  return d;
};

async function filledStore(n: number) {
  const store = await ClientStorage.open({ dir: tmp(), log: quiet });
  await store.setMany(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)] as const));
  return store;
}

function filledConf(n: number) {
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'latchkey-bench',
    cwd: tmp(),
    accessPropertiesByDotNotation: false,
  });
  conf.store = Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]));
  return conf;
}

/**
 * What the journal's sequence numbers and checksums cost a durable set. The same set without them is the
 * measured set less the measured cost of framing its line (`encodeLine`: the sequence number and the
 * CRC-32), both timed in this run; the ratio is what the checksums add (target ≤ 1.1×).
 */
export async function checksumOverhead(): Promise<BenchRow> {
  const store = await ClientStorage.open({ dir: tmp(), log: quiet, compactAfterBytes: 1 << 30 });
  let i = 0;
  const set = await timeEach(() => store.set(`k${i++}`, value(i)), 300, 30);
  await store.close();
  const ops = Array.from({ length: 1000 }, (_, n) => `["s","k${n}",${JSON.stringify(value(n))}]`);
  const framing = await timeBatch((n) => encodeLine(n, ops[n % 1000]!), 20_000);
  return row({
    group: 'client storage',
    name: 'journal checksums: durable set (median, no compaction) vs the same set without sequence number and CRC-32',
    value: set.medianUs,
    unit: 'µs',
    baseline: { name: 'set less its line framing', value: set.medianUs - framing.medianUs },
    target: '≤ 1.1× baseline',
    maxRatio: 1.1,
  });
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [await checksumOverhead()];
  const perSet: number[] = [];
  for (const n of SIZES) {
    const store = await filledStore(n);
    const conf = filledConf(n);
    const ours = await timeBatch((i) => store.get(`k${i % n}`), 20_000);
    const theirs = await timeBatch((i) => conf.get(`k${i % n}`), n >= 10_000 ? 50 : 500, 5);
    rows.push(
      row({
        group: 'client storage',
        name: `get at ${n.toLocaleString('en')} keys`,
        value: ours.medianUs,
        unit: 'µs',
        baseline: { name: 'conf get', value: theirs.medianUs },
        target: '≤ 5 µs',
        maxValue: 5,
      }),
    );

    let i = n;
    const oursSet = await timeEach(() => store.set(`k${i++}`, value(i)), 300, 20);
    let j = n;
    const theirsSet = await timeEach(() => conf.set(`k${j++}`, value(j)), n >= 10_000 ? 60 : 200, 5);
    perSet.push(oursSet.meanUs);
    rows.push(
      row({
        group: 'client storage',
        name: `durable set, mean incl. compactions (awaited, one at a time) at ${n.toLocaleString('en')} keys`,
        value: oursSet.meanUs,
        unit: 'µs',
        baseline: { name: 'conf set', value: theirsSet.meanUs },
        target: 'flat in store size',
      }),
    );
    await store.close();
  }
  rows.push(
    row({
      group: 'client storage',
      name: 'set cost growth, 10,000 keys vs 100 keys',
      value: perSet[2]! / perSet[0]!,
      unit: 'x',
      target: '≤ 1.5× (does not grow)',
      maxValue: 1.5,
    }),
  );

  // 10,000-key fill: sets issued one key at a time (as a renderer loop would), and as one batch.
  const N = 10_000;
  const fill = async (mode: 'each' | 'batch') => {
    const store = await ClientStorage.open({ dir: tmp(), log: quiet });
    const start = process.hrtime.bigint();
    if (mode === 'each') await Promise.all(Array.from({ length: N }, (_, i) => store.set(`k${i}`, value(i))));
    else await store.setMany(Array.from({ length: N }, (_, i) => [`k${i}`, value(i)] as const));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await store.close();
    return ms;
  };
  const oursEach = await fill('each');
  const oursBatch = await fill('batch');
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'latchkey-bench',
    cwd: tmp(),
    accessPropertiesByDotNotation: false,
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) conf.set(`k${i}`, value(i));
  const confMs = Number(process.hrtime.bigint() - start) / 1e6;
  for (const [name, ms] of [
    ['10,000-key fill, one set per key', oursEach],
    ['10,000-key fill, one setMany', oursBatch],
  ] as const) {
    rows.push({
      group: 'client storage',
      name,
      value: ms,
      unit: 'ms',
      baseline: { name: 'conf, one set per key', value: confMs },
      ratio: confMs / ms,
      target: '≥ 50× faster than baseline',
      met: confMs / ms >= 50,
    });
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  return rows;
}
