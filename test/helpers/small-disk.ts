import { spawnSync } from 'node:child_process';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './temp-dir.ts';

export interface SmallDisk {
  dir: string;
  /** Fills the disk with a filler file until the first ENOSPC. */
  fill(): Promise<void>;
  /** Deletes the filler: room again. */
  free(): Promise<void>;
  unmount(): void;
}

/** Whether this process can mount a tmpfs (root on Linux). */
export const canMountTmpfs =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  (() => {
    const dir = tempDir('tmpfs-probe');
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0;
    if (ok) spawnSync('umount', [dir]);
    return ok;
  })();

/** A real, small file system (tmpfs) that a test can fill up, to meet ENOSPC for real. */
export function smallDisk(bytes: number): SmallDisk {
  const dir = tempDir('small-disk');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cannot mount a tmpfs: ${r.stderr}`);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      const chunk = Buffer.alloc(4096, 0x78);
      try {
        for (;;) await handle.write(chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await handle.close().catch(() => undefined);
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
    },
  };
}
