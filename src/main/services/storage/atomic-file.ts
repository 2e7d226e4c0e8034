import { randomBytes } from 'node:crypto';
import { constants, readdirSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { NOFOLLOW } from './trusted-path.ts';

/** fsync a directory so a rename inside it survives a power cut (a no-op where directories cannot be opened). */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories; NTFS renames are journaled there.
  } finally {
    await handle?.close();
  }
}

const TMP_MARK = '.tmp-';

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old or the new content:
 * write a temporary file beside it, fsync, rename over, fsync the directory. Mode 0600: only the user.
 * The temporary name is random and created exclusively without following links, so nothing planted in the
 * folder can be written through; on any failure (a full disk) it is removed, never left to fill the disk.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // The writer's pid is in the name, so a later open can tell leftovers from another live writer's file.
  const tmp = `${file}${TMP_MARK}${process.pid}-${randomBytes(8).toString('hex')}`;
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDir(path.dirname(file));
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false; // ours, from before: this process has not started writing yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves a damaged file aside under a timestamped name, keeping it for the user rather than deleting it. */
export async function moveAside(file: string, label: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const ext = path.extname(file);
  const target = `${file.slice(0, file.length - ext.length)}.${label}-${stamp}${ext}`;
  await rename(file, target);
  return target;
}

/**
 * Removes temporary files interrupted writes left beside `file` (they may hold old secrets, or be what filled
 * the disk). Safe before taking the store's lock: a file whose writer still runs is left alone (this
 * process's own count as left over: run it before this process writes `file`). Synchronous: a directory
 * listing at start-up, on "forget all", and before the vault's first write.
 */
export function removeLeftovers(file: string): number {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${TMP_MARK}`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed++;
    } catch {
      // Gone already, or not ours to remove: nothing to do.
    }
  }
  return removed;
}
