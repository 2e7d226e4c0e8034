/**
 * The store lock: a pid that now belongs to another program never blocks the store, a running owner always
 * does. Real processes, real files. The 4-process race is in dir-lock.race.stress.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  acquireLock,
  guardIsStale,
  unrecordedLockIsStale,
} from '../../../../src/main/services/storage/dir-lock.ts';
import { defer } from '../../../helpers/disposables.ts';
import { racer } from '../../../helpers/lock-racer.ts';
import { canMountTmpfs, smallDisk } from '../../../helpers/small-disk.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

describe('store lock', () => {
  it('takes over a lock naming a live process that is not its owner (a reused pid)', async () => {
    const lock = path.join(tempDir('lock-reused'), 'store.lock');
    // pid 1 is alive, but it did not start at this time: the lock was left by another process long gone.
    writeFileSync(lock, JSON.stringify({ pid: 1, start: '999999999999', boot: null }));
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    return release();
  });

  it('takes over a lock from another boot, and one that is not a lock record at all once it is a second old', async () => {
    const dir = tempDir('lock-boot');
    const a = path.join(dir, 'a.lock');
    writeFileSync(a, JSON.stringify({ pid: 1, start: null, boot: 'another-boot' }));
    const b = path.join(dir, 'b.lock');
    writeFileSync(b, '1');
    // Not a record (a racer still writing it, or garbage): stale only after a second; make it that old.
    const old = new Date(Date.now() - 5000);
    utimesSync(b, old, old);
    const releases = [await acquireLock(a), await acquireLock(b)];
    expect(JSON.parse(readFileSync(b, 'utf8')).pid).toBe(process.pid);
    return Promise.all(releases.map((r) => r()));
  });

  it('refuses while the owner runs, naming its pid', async () => {
    const lock = path.join(tempDir('lock-held'), 'store.lock');
    const holder = racer(lock);
    defer(() => holder.stop(), 'the lock holder');
    holder.child.stdin!.write('go\n');
    expect(await holder.answer).toBe('owner');
    await expect(acquireLock(lock)).rejects.toThrow(
      `another Latchkey process (pid ${holder.child.pid}) is using this data directory`,
    );
    await holder.stop();
    const release = await acquireLock(lock);
    await release();
  });

  it.runIf(canMountTmpfs)('logs, never throws, when the lock cannot be removed at shutdown', async () => {
    const disk = smallDisk(64 * 1024);
    defer(() => disk.unmount(), 'the small disk');
    const lock = path.join(disk.dir, 'store.lock');
    const log = { warn: vi.fn(), error: vi.fn() };
    const release = await acquireLock(lock, log);
    // The file system turned read-only under us (a failing disk): the unlink fails with EROFS.
    expect(spawnSync('mount', ['-o', 'remount,ro', disk.dir]).status).toBe(0);
    await expect(release()).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining(`could not remove the lock ${lock}`));
  });
});

describe('store lock after the clock went back', () => {
  /** The pid of a process that has exited: its owner is gone. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
  const future = () => new Date(Date.now() + 3600_000);

  it('takes over a takeover guard dated in the future whose taker is gone', async () => {
    const dir = tempDir('lock-future-guard');
    const lock = path.join(dir, 'store.lock');
    const dead = JSON.stringify({ pid: deadPid(), start: null, boot: null });
    writeFileSync(lock, dead);
    writeFileSync(`${lock}.takeover`, dead);
    utimesSync(`${lock}.takeover`, future(), future());
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    return release();
  });

  it('takes over a lock file without a record dated in the future', async () => {
    const lock = path.join(tempDir('lock-future'), 'store.lock');
    writeFileSync(lock, '');
    utimesSync(lock, future(), future());
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    return release();
  });

  it('still waits for a guard in the future whose taker runs', () => {
    const alive = JSON.stringify({ pid: process.pid, start: null, boot: null });
    expect(guardIsStale(alive, -3600_000)).toBe(false);
    expect(guardIsStale(alive, 6000)).toBe(true);
    expect(unrecordedLockIsStale(500)).toBe(false);
    expect(unrecordedLockIsStale(-500)).toBe(false);
  });
});
