import { spawn } from 'node:child_process';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { racer } from '../../../helpers/lock-racer.ts';
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
  vi.restoreAllMocks();
});

describe('ClientStorage API (Flet page.client_storage)', () => {
  it('sets, gets, lists by prefix, removes and clears', async () => {
    const store = await openStore(tempDir());
    await store.set('app.theme', 'dark');
    await store.set('app.size', 3);
    await store.set('user', { name: 'Ada', tags: ['x'], ok: true, none: null });
    expect(store.get('app.theme')).toBe('dark');
    expect(store.get('user')).toEqual({ name: 'Ada', tags: ['x'], ok: true, none: null });
    expect(store.get('missing')).toBeNull();
    expect(store.containsKey('app.size')).toBe(true);
    expect(store.getKeys('app.').sort()).toEqual(['app.size', 'app.theme']);
    expect(store.getKeys().length).toBe(3);
    expect(store.entries('user')).toEqual([['user', { name: 'Ada', tags: ['x'], ok: true, none: null }]]);
    expect(await store.remove('app.size')).toBe(true);
    expect(await store.remove('app.size')).toBe(false);
    await store.clear();
    expect(store.size).toBe(0);
  });

  it('hands out copies: mutating a returned value does not change the store', async () => {
    const store = await openStore(tempDir());
    const value = { list: [1] };
    await store.set('k', value);
    value.list.push(2);
    (store.get('k') as { list: number[] }).list.push(3);
    expect(store.get('k')).toEqual({ list: [1] });
  });

  it('persists across reopen, including removes, clears and batches', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    await a.set('gone', 1);
    await a.clear();
    await a.setMany([
      ['one', 1],
      ['two', 'zwei'],
      ['three', [3]],
    ]);
    await a.remove('two');
    await a.set('one', 'uno');
    await a.close();
    const b = await openStore(dir);
    expect(Object.fromEntries(b.entries())).toEqual({ one: 'uno', three: [3] });
  });

  it('a resolved set is on disk before it resolves', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    await store.set('durable', 'yes');
    // Read the files directly, as a fresh process would, without closing the store.
    const journal = await readFile(store.journalFile, 'utf8');
    expect(journal).toContain('"durable","yes"');
  });

  it('sets made together share one write and one sync (group commit)', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const probe = await open(path.join(dir, 'probe'), 'w');
    const datasync = vi.spyOn(Object.getPrototypeOf(probe) as { datasync: () => Promise<void> }, 'datasync');
    await probe.close();
    await Promise.all(Array.from({ length: 500 }, (_, i) => store.set(`k${i}`, i)));
    expect(datasync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(store.size).toBe(500);
  });

  it('compacts the journal into the snapshot and stays correct', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { compactAfterBytes: 2048 });
    for (let i = 0; i < 300; i++) await store.set(`key-${i % 50}`, { i });
    const journal = await readFile(store.journalFile, 'utf8');
    expect(journal.length).toBeLessThan(4096);
    const snapshot = JSON.parse(await readFile(store.file, 'utf8')) as Record<string, unknown>;
    // Still a plain JSON object: the entries, and first its checksum member.
    expect(Object.keys(snapshot)[0]).toBe('latchkey:snapshot');
    expect(Object.keys(snapshot).length).toBe(51);
    await store.close();
    const again = await openStore(dir);
    expect(again.get('key-49')).toEqual({ i: 299 });
    expect(again.get('key-0')).toEqual({ i: 250 });
  });

  it('writes its files for the user only (0600)', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { compactAfterBytes: 10 });
    await store.set('a', 'x'.repeat(100));
    if (process.platform !== 'win32') {
      const { stat } = await import('node:fs/promises');
      expect((await stat(store.file)).mode & 0o777).toBe(0o600);
      expect((await stat(store.journalFile)).mode & 0o777).toBe(0o600);
    }
  });
});

describe('ClientStorage recovery', () => {
  const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');

  it.each([
    ['corrupt', '{"a": 1, broken'],
    ['truncated', '{"a": 1, "b": {"c": '],
    ['not an object', '[1, 2, 3]'],
    ['empty', ''],
  ])('moves a %s store aside with a timestamped name and starts empty', async (_kind, content) => {
    const dir = tempDir();
    await writeFile(path.join(dir, 'client-storage.json'), content);
    const store = await openStore(dir, { now: fixedNow });
    expect(store.size).toBe(0);
    expect(store.recovered).toHaveLength(1);
    const note = store.recovered[0]!;
    expect(path.basename(note.movedTo)).toBe('client-storage.corrupt-2026-01-02T03-04-05-678Z.json');
    // Nothing is lost: the damaged bytes are kept for the user.
    expect(await readFile(note.movedTo, 'utf8')).toBe(content);
    await store.set('fresh', true);
    await store.close();
    expect((await openStore(dir)).get('fresh')).toBe(true);
  });

  it('drops only a torn last journal line, says so, keeps the original, and keeps appending cleanly', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    await a.set('kept', 1);
    await a.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    await writeFile(journal, (await readFile(journal, 'utf8')) + '["s","torn",{"half":');
    const b = await openStore(dir);
    expect(b.get('kept')).toBe(1);
    expect(b.containsKey('torn')).toBe(false);
    expect(b.recovered).toHaveLength(1);
    expect(b.damage.tornBytes).toBe('["s","torn",{"half":'.length);
    expect(await readFile(b.recovered[0]!.movedTo, 'utf8')).toMatch(/\["s","torn",\{"half":$/);
    await b.set('after', 2);
    await b.close();
    const c = await openStore(dir);
    expect(Object.fromEntries(c.entries())).toEqual({ kept: 1, after: 2 });
  });

  it('keeps the readable lines of a damaged journal and moves the journal aside', async () => {
    const dir = tempDir();
    await writeFile(path.join(dir, 'client-storage.json.journal'), '["s","a",1]\nGARBAGE\n["s","b",2]\n');
    const store = await openStore(dir, { now: fixedNow });
    expect(Object.fromEntries(store.entries())).toEqual({ a: 1, b: 2 });
    expect(store.recovered[0]?.reason).toContain('1 damaged line skipped');
    expect(store.damage.corruptLines).toBe(1);
    expect((await readdir(dir)).some((f) => f.includes('.damaged-'))).toBe(true);
  });

  it('refuses a data directory another live process owns, with a clear error', async () => {
    const dir = tempDir();
    // Another running process really holds the store's lock.
    const other = racer(path.join(dir, 'client-storage.json.lock'));
    try {
      other.child.stdin!.write('go\n');
      expect(await other.answer).toBe('owner');
      await expect(ClientStorage.open({ dir, log: quiet })).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining(`pid ${other.child.pid}`),
      });
    } finally {
      await other.stop();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((r) => dead.once('exit', r));
    await writeFile(
      path.join(dir, 'client-storage.json.lock'),
      JSON.stringify({ pid: dead.pid, start: '1', boot: null }),
    );
    const store = await openStore(dir);
    await store.set('ok', 1);
    expect(store.get('ok')).toBe(1);
  });
});
