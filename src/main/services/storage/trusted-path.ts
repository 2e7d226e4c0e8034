/**
 * Trust the data folder the way OpenSSH trusts `~/.ssh`: it and every data file in it must be this user's,
 * not writable by group or others, and not a symbolic link. Otherwise another local user could plant a link
 * (and have us write through it), or swap a file (and read our tokens). Refusals name the path and the
 * command that fixes it. Windows has no POSIX owners or modes: there only the link check applies.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  type Stats,
} from 'node:fs';
import { open } from 'node:fs/promises';
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

function linkRefused(file: string, kind: 'folder' | 'file'): UntrustedPath {
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

/**
 * Creates the data folder (0700) if it is missing, and checks it is ours and private if it exists.
 * Synchronous: one system call when the folder is there (every launch after the first), once per store at
 * start-up (the vault's restore path cannot afford a thread-pool round trip for it).
 */
export function ensurePrivateDir(dir: string): void {
  let stat = lstatSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    stat = lstatSync(dir);
  }
  checkTrusted(stat, dir, 'folder');
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
const asLinkRefusal = (error: unknown, file: string) =>
  (error as NodeJS.ErrnoException).code === 'ELOOP' ? linkRefused(file, 'file') : error;

/**
 * Reads a data file, or null when there is none. Opened without following a link and checked on the open
 * handle (ours, private, a plain file), so nothing can be swapped in between the check and the read.
 */
export async function readTrustedFile(file: string): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | NOFOLLOW);
  } catch (error) {
    if (missing(error)) return null;
    throw asLinkRefusal(error, file);
  }
  try {
    checkTrusted(await handle.stat(), file, 'file');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The same, synchronously: for the vault's few kilobytes on the restore-on-launch path. */
export function readTrustedFileSync(file: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW);
  } catch (error) {
    if (missing(error)) return null;
    throw asLinkRefusal(error, file);
  }
  try {
    checkTrusted(fstatSync(fd), file, 'file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
