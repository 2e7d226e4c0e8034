/**
 * A data folder this process cannot write to. As root (CI) permissions do not stop a write, so it is a
 * read-only tmpfs (EROFS); otherwise a folder with mode 0500 (EACCES).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { tempDir } from './temp-dir.ts';

export interface ReadOnlyFolder {
  dir: string;
  /** What Latchkey says about it: "the file system is read-only (EROFS)" or "permission denied (EACCES)". */
  reason: string;
  /** The fix Latchkey offers before "or …": none for a read-only file system, chmod for a folder. */
  fix: string;
  dispose(): void;
}

export function readOnlyFolder(): ReadOnlyFolder {
  const dir = tempDir('read-only');
  if (process.getuid?.() === 0) {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k,mode=0700', 'tmpfs', dir], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cannot mount a read-only tmpfs: ${r.stderr}`);
    return {
      dir,
      reason: 'the file system is read-only (EROFS)',
      fix: 'fix: ',
      dispose: () => void spawnSync('umount', ['-l', dir]),
    };
  }
  chmodSync(dir, 0o500);
  return {
    dir,
    reason: 'permission denied (EACCES)',
    fix: `fix: chmod u+w '${dir}', or `,
    dispose: () => chmodSync(dir, 0o700),
  };
}
