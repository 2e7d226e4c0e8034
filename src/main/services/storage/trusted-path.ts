/**
 * Trust the data folder the way OpenSSH trusts `~/.ssh`: it and every data file in it must be this user's,
 * not writable by group or others, and not a symbolic link. Otherwise another local user could plant a link
 * (and have us write through it), or swap a file (and read our tokens). Refusals name the path and the
 * command that fixes it. Windows has no POSIX owners or modes: there only the link check applies.
 */
import { constants, lstatSync, mkdirSync, type Stats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { HostError } from '../../../shared/errors.ts';

const POSIX = process.platform !== 'win32';

/** Flags that never follow a symbolic link at the last path component (0 where the platform has none). */
export const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export class UntrustedPath extends HostError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

const quote = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;

export function linkRefused(file: string, kind: 'folder' | 'file'): UntrustedPath {
  return new UntrustedPath(
    `refusing to use ${file}: it is a symbolic link, which another user could point elsewhere (use the real ${kind} instead)`,
  );
}

/** Checks what `stat` (from lstat or fstat) says about `file`; `kind` is what it should be. */
export function checkTrusted(stat: Stats, file: string, kind: 'folder' | 'file'): void {
  if (stat.isSymbolicLink()) throw linkRefused(file, kind);
  if (kind === 'folder' ? !stat.isDirectory() : !stat.isFile()) {
    throw new UntrustedPath(`refusing to use ${file}: it is not a ${kind}`);
  }
  if (!POSIX) return;
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new UntrustedPath(
      `refusing to use ${file}: it belongs to another user (uid ${stat.uid}); fix: chown ${uid} ${quote(file)}, or choose another data folder`,
    );
  }
  if ((stat.mode & 0o022) !== 0) {
    const mode = kind === 'folder' ? '700' : '600';
    throw new UntrustedPath(
      `refusing to use ${file}: other users can write to it (mode ${(stat.mode & 0o777).toString(8)}); fix: chmod ${mode} ${quote(file)}`,
    );
  }
}

/** Creates the data folder (0700) if it is missing, and checks it is ours and private if it exists. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  checkTrusted(await lstat(dir), dir, 'folder');
}

/** Refuses a data file that exists but is a link, foreign or writable by others; fine when missing. */
export async function checkFileIfThere(file: string): Promise<void> {
  let stat: Stats;
  try {
    stat = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  checkTrusted(stat, file, 'file');
}

/** The same, synchronously: for the restore-on-launch path, where a thread-pool round trip costs more. */
export function ensurePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkTrusted(lstatSync(dir), dir, 'folder');
}
