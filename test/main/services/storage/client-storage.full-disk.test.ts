/**
 * A full disk: every kind of write fails cleanly (memory, `get`, events and the files unchanged, the cause
 * reported), no temporary file is left, and the store works again as soon as there is room, without a
 * restart. Run twice: on a real tmpfs filled to the brim (as root, as in CI), and with an injected ENOSPC.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClientStorage, type StorageFileOps } from '../../../../src/main/services/storage/client-storage.ts';
import { writeFileAtomic } from '../../../../src/main/services/storage/atomic-file.ts';
import { createDispatcher } from '../../../../src/main/ipc/dispatcher.ts';
import { defer, track } from '../../../helpers/disposables.ts';
import { testHost } from '../../../helpers/host.ts';
import { canMountTmpfs, smallDisk } from '../../../helpers/small-disk.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const quiet = { warn() {}, error() {} };
const big = (n: number) => 'v'.repeat(n);

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('ENOSPC') });
}

const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);

describe.runIf(canMountTmpfs)('client storage on a real full disk (tmpfs)', () => {
  it('refuses set, setMany and a compaction without changing anything, then recovers when room returns', async () => {
    const disk = smallDisk(256 * 1024);
    defer(() => disk.unmount(), 'the small disk');
    const store = track(
      await ClientStorage.open({ dir: disk.dir, log: quiet, compactAfterBytes: 64 * 1024 }),
    );
    await store.set('kept', 'before');
    const events: unknown[] = [];
    store.onChange((c) => events.push(c));
    await disk.fill();

    await failure(store.set('kept', big(20_000)));
    await failure(
      store.setMany([
        ['a', big(20_000)],
        ['b', 1],
      ]),
    );
    expect(store.get('kept')).toBe('before');
    expect(store.containsKey('a')).toBe(false);
    expect(events).toEqual([]);
    expect(store.lastError).toMatch(/ENOSPC/);
    noTempFiles(disk.dir);

    // Room again: the very next write works, no restart.
    await disk.free();
    await store.set('kept', 'after');
    expect(store.get('kept')).toBe('after');
    expect(store.lastError).toBeNull();
    expect(events).toEqual([{ keys: ['kept'], cleared: false }]);
    await store.close();

    // What is on disk is exactly what was acknowledged.
    const reopened = track(await ClientStorage.open({ dir: disk.dir, log: quiet }));
    expect(reopened.entries()).toEqual([['kept', 'after']]);
  });

  it('opens on a full disk, removes the temporary files a failed write left, and tidies up once there is room', async () => {
    const disk = smallDisk(256 * 1024);
    defer(() => disk.unmount(), 'the small disk');
    const first = track(await ClientStorage.open({ dir: disk.dir, log: quiet }));
    await first.set('k', 1);
    await first.close();
    // What an interrupted write left: its writer (a process that has ended) named it.
    const gone = spawnSync('true').pid;
    writeFileSync(`${first.file}.tmp-${gone}-deadbeef`, big(30_000));
    await disk.fill();
    const store = track(await ClientStorage.open({ dir: disk.dir, log: quiet }));
    noTempFiles(disk.dir);
    expect(store.get('k')).toBe(1);
    await disk.free();
    await store.set('k', 2);
    expect(store.get('k')).toBe(2);
  });
});

/** File operations that fail with ENOSPC while `full` is true, after doing what a real full disk may do. */
function flakyOps(): StorageFileOps & { full: boolean } {
  const ops = {
    full: false,
    async append(journal: import('node:fs/promises').FileHandle, text: string) {
      if (ops.full) {
        // The bytes may reach the file before the sync fails: the store must cut them off again.
        await journal.appendFile(text);
        throw Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' });
      }
      await journal.appendFile(text);
      await journal.datasync();
    },
    async replace(file: string, text: string) {
      if (ops.full) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      await writeFileAtomic(file, text);
    },
  };
  return ops;
}

describe('client storage with an injected ENOSPC', () => {
  it('set, setMany, remove, clear and a compaction each change nothing, in memory or on disk', async () => {
    const dir = tempDir('enospc');
    const ops = flakyOps();
    const store = track(await ClientStorage.open({ dir, log: quiet, fileOps: ops, compactAfterBytes: 1024 }));
    await store.setMany([
      ['a', 1],
      ['b', 2],
    ]);
    const events: unknown[] = [];
    store.onChange((c) => events.push(c));
    ops.full = true;

    await failure(store.set('a', 10));
    await failure(store.setMany([['c', 3]]));
    await failure(store.remove('b'));
    await failure(store.clear());
    await failure(store.set('big', big(5000))); // over compactAfterBytes: a compaction
    expect(store.entries()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(events).toEqual([]);
    expect(store.lastError).toMatch(/ENOSPC \(the disk is full\)/);
    await store.close();

    // Nothing that failed replays on the next open, although its bytes had reached the journal.
    const reopened = track(await ClientStorage.open({ dir, log: quiet, fileOps: ops }));
    expect(reopened.entries()).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    ops.full = false;
    expect(await reopened.remove('b')).toBe(true);
    expect(reopened.entries()).toEqual([['a', 1]]);
  });

  it('answers concurrent writes in order once room returns, each visible only after it is durable', async () => {
    const dir = tempDir('enospc-order');
    const ops = flakyOps();
    const store = track(await ClientStorage.open({ dir, log: quiet, fileOps: ops }));
    const pending = store.set('k', 'v');
    // Not visible before its write has been synced.
    expect(store.containsKey('k')).toBe(false);
    await pending;
    expect(store.get('k')).toBe('v');
    // A remove queued behind a set of the same key sees that set.
    const set = store.set('x', 1);
    const removed = store.remove('x');
    await set;
    expect(await removed).toBe(true);
    expect(store.containsKey('x')).toBe(false);
  });
});

describe('clientStorage.status', () => {
  it.runIf(canMountTmpfs)('reports the last failed write until a write succeeds', async () => {
    const disk = smallDisk(256 * 1024);
    defer(() => disk.unmount(), 'the small disk');
    const host = await testHost({ dataDir: disk.dir });
    const dispatch = createDispatcher(host.handlers, quiet);
    const ctx = { clientId: 'status-page' };
    await disk.fill();
    expect(await dispatch('clientStorage.set', ['k', big(20_000)], ctx)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await dispatch('clientStorage.status', [], ctx)).toMatchObject({
      ok: true,
      value: { error: expect.stringContaining('ENOSPC (the disk is full)') },
    });
    await disk.free();
    expect(await dispatch('clientStorage.set', ['k', 1], ctx)).toMatchObject({ ok: true });
    expect(await dispatch('clientStorage.status', [], ctx)).toMatchObject({
      ok: true,
      value: { error: null },
    });
  });
});
