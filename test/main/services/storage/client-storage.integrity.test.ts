/**
 * Damaged files recover loudly: whatever happened to the journal or the snapshot (a flipped bit, a cut, a
 * lost newline, a line over the limits), the store either reads exactly what was written or says what it
 * skipped, and keeps the original file.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { encodeLine } from '../../../../src/main/services/storage/journal-format.ts';
import { LIMITS } from '../../../../src/shared/limits.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const quiet = { warn: vi.fn(), error: vi.fn() };
const opened: ClientStorage[] = [];
async function openStore(dir: string, extra: Partial<Parameters<typeof ClientStorage.open>[0]> = {}) {
  const store = await ClientStorage.open({ dir, log: quiet, ...extra });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

const reported = (store: ClientStorage) => store.recovered.length > 0;

/** mulberry32: a small seeded generator, so a failing flip can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A store with a snapshot (compacted) and a journal after it; returns every value each key ever had. */
async function writeStore(dir: string): Promise<Map<string, unknown[]>> {
  const history = new Map<string, unknown[]>();
  const a = await openStore(dir, { compactAfterBytes: 400 });
  const put = async (key: string, value: unknown) => {
    await a.set(key, value as never);
    history.set(key, [...(history.get(key) ?? []), value]);
  };
  for (let i = 0; i < 12; i++) await put(`key-${i % 6}`, { n: i, word: `value ${i}` });
  await put('name', 'Ada');
  await put('count', 41);
  await a.close();
  opened.splice(opened.indexOf(a), 1);
  return history;
}

describe('ClientStorage integrity', () => {
  it('no flipped bit in the journal or the snapshot silently changes a value or renames a key', async () => {
    const master = tempDir();
    const history = await writeStore(master);
    const latest = Object.fromEntries([...history].map(([k, vs]) => [k, vs.at(-1)]));
    const files = ['client-storage.json', 'client-storage.json.journal'];
    const originals = await Promise.all(files.map((f) => readFile(path.join(master, f))));
    expect(originals.every((b) => b.length > 0)).toBe(true);

    const seed = Date.now() % 1_000_000;
    const next = random(seed);
    let silentChanges = 0;
    let noticed = 0;
    for (let round = 0; round < 60; round++) {
      const dir = tempDir();
      const which = round % 2;
      const bytes = Buffer.from(originals[which]!);
      const at = Math.floor(next() * bytes.length);
      bytes[at]! ^= 1 << Math.floor(next() * 8);
      await writeFile(path.join(dir, files[which]!), bytes);
      await writeFile(path.join(dir, files[1 - which]!), originals[1 - which]!);
      const store = await openStore(dir);
      const entries = Object.fromEntries(store.entries());
      // Never a key that was not written, never a value a key never had.
      for (const [k, v] of Object.entries(entries)) {
        expect(history.has(k), `seed ${seed} round ${round}: key ${JSON.stringify(k)} appeared`).toBe(true);
        expect(history.get(k), `seed ${seed} round ${round}: ${k} changed`).toContainEqual(v);
      }
      if (reported(store)) noticed++;
      else if (JSON.stringify(entries) !== JSON.stringify(latest)) silentChanges++;
      await store.close();
      opened.splice(opened.indexOf(store), 1);
    }
    expect(silentChanges, `seed ${seed}`).toBe(0);
    expect(noticed, `seed ${seed}`).toBeGreaterThan(0);
  });

  it('keeps a last line whose final newline was flipped, and says so', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    await a.set('first', 1);
    await a.set('last', 'acknowledged');
    await a.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    const bytes = await readFile(journal);
    expect(bytes.at(-1)).toBe(0x0a);
    bytes[bytes.length - 1] = 0x0a ^ 0x01;
    await writeFile(journal, bytes);
    const b = await openStore(dir);
    expect(b.get('last')).toBe('acknowledged');
    expect(b.damage.repairedLines).toBe(1);
    expect(b.recovered[0]?.reason).toContain('lost its newline');
  });

  it('reports a truncated journal with the bytes it dropped and keeps the original', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    await a.set('kept', 1);
    await a.set('cut', 'x'.repeat(50));
    await a.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    const whole = await readFile(journal);
    const cutTo = whole.length - 20;
    await writeFile(journal, whole.subarray(0, cutTo));
    const b = await openStore(dir);
    expect(b.get('kept')).toBe(1);
    expect(b.containsKey('cut')).toBe(false);
    const firstLine = whole.indexOf(0x0a) + 1;
    expect(b.damage.tornBytes).toBe(cutTo - firstLine);
    expect(await readFile(b.recovered[0]!.movedTo)).toEqual(whole.subarray(0, cutTo));
    // The journal was folded into a fresh snapshot: the next open is clean.
    await b.close();
    opened.splice(opened.indexOf(b), 1);
    const c = await openStore(dir);
    expect(c.recovered).toEqual([]);
    expect(c.get('kept')).toBe(1);
  });

  it('reports a line lost from the middle of the journal', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    for (const k of ['a', 'b', 'c']) await a.set(k, k);
    await a.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    await writeFile(journal, [lines[0], lines[2], ''].join('\n'));
    const b = await openStore(dir);
    expect(b.damage.missingLines).toBe(1);
    expect(b.getKeys().sort()).toEqual(['a', 'c']);
  });

  it('skips journal entries over the key or value limit, and counts them', async () => {
    const dir = tempDir();
    const big = JSON.stringify('v'.repeat(LIMITS.maxValueBytes));
    const longKey = JSON.stringify('k'.repeat(LIMITS.maxKeyLength + 1));
    await writeFile(
      path.join(dir, 'client-storage.json.journal'),
      encodeLine(1, '["s","ok",1]') +
        encodeLine(2, `["s","big",${big}]`) +
        encodeLine(3, `["s",${longKey},1]`),
    );
    const store = await openStore(dir);
    expect(store.getKeys()).toEqual(['ok']);
    expect(store.damage.overLimitEntries).toBe(2);
    expect(store.recovered[0]?.reason).toContain('2 entries over the key or value size limit skipped');
  });

  it('reads a store written in the old format (no checksums) and rewrites it with them', async () => {
    const dir = tempDir();
    await writeFile(path.join(dir, 'client-storage.json'), '{"a":1,"b":{"c":[2]}}');
    await writeFile(path.join(dir, 'client-storage.json.journal'), '["s","d",4]\n["r","a"]\n');
    const store = await openStore(dir);
    expect(Object.fromEntries(store.entries())).toEqual({ b: { c: [2] }, d: 4 });
    expect(store.recovered).toEqual([]);
    expect(await readFile(store.file, 'utf8')).toMatch(/^\{"latchkey:snapshot":"2 0 [0-9a-f]{8}",/);
    expect(await readFile(store.journalFile, 'utf8')).toBe('');
    await store.set('e', 5);
    expect(await readFile(store.journalFile, 'utf8')).toMatch(/^1 [0-9a-f]{8} \["s","e",5\]\n$/);
  });

  it('keeps no copy and says nothing when the files are whole', async () => {
    const dir = tempDir();
    await writeStore(dir);
    const store = await openStore(dir);
    expect(store.recovered).toEqual([]);
    expect(Object.values(store.damage).every((n) => n === 0)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.includes('damaged'))).toEqual([]);
  });
});
