/**
 * The store lock: exactly one owner, however many processes race for it, and a pid that now belongs to
 * another program never blocks the store. Real processes, real files.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireLock } from '../../../../src/main/services/storage/dir-lock.ts';
import { canMountTmpfs, smallDisk, type SmallDisk } from '../../../helpers/small-disk.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

let disk: SmallDisk | null = null;
afterEach(() => {
  disk?.unmount();
  disk = null;
});

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const LOCK_MODULE = path.join(ROOT, 'src/main/services/storage/dir-lock.ts');

// Each racer waits for "go" on stdin, tries once, says "owner" or "refused", and holds until stdin closes.
const RACER = `
import { acquireLock } from ${JSON.stringify(LOCK_MODULE)};
process.stdin.once('data', async () => {
  let release = null;
  try { release = await acquireLock(process.argv[1], { warn() {}, error() {} }); console.log('owner'); }
  catch (e) { console.log(e.code === 'unavailable' ? 'refused' : 'error ' + e.message); }
  process.stdin.once('end', async () => { await release?.(); process.exit(0); });
});
`;

function racer(lock: string): { child: ChildProcess; answer: Promise<string> } {
  const child = spawn(NODE, ['--input-type=module', '-e', RACER, lock], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  child.stdout!.setEncoding('utf8');
  const answer = new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  return { child, answer };
}

const deadPid = () => spawnSync('true').pid!;

describe('store lock', () => {
  it('gives a stale lock to exactly one of 4 processes racing for it, 100 times over', async () => {
    const seed = Date.now();
    console.log(`lock race: 100 trials x 4 processes (seed ${seed})`);
    const owners: number[] = [];
    for (let trial = 0; trial < 100; trial++) {
      const lock = path.join(tempDir('lock-race'), 'store.lock');
      // Left by a crashed owner: every racer sees it stale and tries to take it over.
      writeFileSync(lock, JSON.stringify({ pid: deadPid(), start: '1', boot: null }));
      const racers = Array.from({ length: 4 }, () => racer(lock));
      // Each starts loading now and tries as soon as it has loaded and read "go": they meet at the lock.
      for (const r of racers) r.child.stdin!.write('go\n');
      const answers = await Promise.all(racers.map((r) => r.answer));
      owners.push(answers.filter((a) => a === 'owner').length);
      expect(
        answers.every((a) => a === 'owner' || a === 'refused'),
        answers.join(','),
      ).toBe(true);
      await Promise.all(
        racers.map(
          (r) =>
            new Promise((resolve) => {
              r.child.once('exit', resolve);
              r.child.stdin!.end();
            }),
        ),
      );
    }
    expect(owners).toEqual(Array(100).fill(1));
  }, 240_000);

  it('takes over a lock naming a live process that is not its owner (a reused pid)', async () => {
    const lock = path.join(tempDir('lock-reused'), 'store.lock');
    // pid 1 is alive, but it did not start at this time: the lock was left by another process long gone.
    writeFileSync(lock, JSON.stringify({ pid: 1, start: '999999999999', boot: null }));
    const release = await acquireLock(lock);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
    return release();
  });

  it('takes over a lock from another boot, and a bare pid (Latchkey 0.1) that is not a Node program', async () => {
    const dir = tempDir('lock-boot');
    const a = path.join(dir, 'a.lock');
    writeFileSync(a, JSON.stringify({ pid: 1, start: null, boot: 'another-boot' }));
    const b = path.join(dir, 'b.lock');
    writeFileSync(b, '1');
    const releases = [await acquireLock(a), await acquireLock(b)];
    return Promise.all(releases.map((r) => r()));
  });

  it('refuses while the owner runs, naming its pid', async () => {
    const lock = path.join(tempDir('lock-held'), 'store.lock');
    const holder = racer(lock);
    holder.child.stdin!.write('go\n');
    expect(await holder.answer).toBe('owner');
    await expect(acquireLock(lock)).rejects.toThrow(
      `another Latchkey process (pid ${holder.child.pid}) is using this data directory`,
    );
    await new Promise((resolve) => {
      holder.child.once('exit', resolve);
      holder.child.stdin!.end();
    });
    const release = await acquireLock(lock);
    await release();
  });

  it.runIf(canMountTmpfs)('logs, never throws, when the lock cannot be removed at shutdown', async () => {
    disk = smallDisk(64 * 1024);
    const lock = path.join(disk.dir, 'store.lock');
    const log = { warn: vi.fn(), error: vi.fn() };
    const release = await acquireLock(lock, log);
    // The file system turned read-only under us (a failing disk): the unlink fails with EROFS.
    expect(spawnSync('mount', ['-o', 'remount,ro', disk.dir]).status).toBe(0);
    await expect(release()).resolves.toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining(`could not remove the lock ${lock}`));
  });
});
