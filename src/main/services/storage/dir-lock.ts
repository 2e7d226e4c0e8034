import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { HostError } from '../../../shared/errors.ts';

function removeIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One owner per store: a lock file holding the owner's pid. A lock left by a process that no longer runs
 * (it crashed or was killed) is taken over. Synchronous on purpose: it is a few bytes at start-up, and a
 * thread-pool round trip would cost more than the write (this is on the restore-on-launch path).
 * Returns the release function.
 */
export function acquireLock(file: string): () => Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return async () => removeIfThere(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      } catch {
        // Gone meanwhile: try again.
      }
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new HostError(
          'unavailable',
          `another Latchkey process (pid ${owner}) is using this data directory`,
        );
      }
      removeIfThere(file);
    }
  }
  throw new HostError('unavailable', `could not take the lock ${file}`);
}
