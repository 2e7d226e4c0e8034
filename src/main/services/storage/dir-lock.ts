import { open, readFile, rm } from 'node:fs/promises';
import { HostError } from '../../../shared/errors.ts';

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
 * (it crashed or was killed) is taken over.
 */
export async function acquireLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new HostError(
          'unavailable',
          `another Latchkey process (pid ${owner}) is using this data directory`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new HostError('unavailable', `could not take the lock ${file}`);
}
