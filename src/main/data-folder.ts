/**
 * The data folder, checked before anything is served: a folder that cannot work (a file where the folder
 * should be, one this user cannot write to, one another running Latchkey is using, one other users could
 * tamper with) stops the start with one message that names the folder and the fix, instead of a half-working
 * app whose storage, vault and demo provider each fail later in words of their own. Web mode prints it and
 * exits 1; the desktop app shows it in a dialog and exits 1. The stores' own checks and locks still apply
 * (this check cannot stop a second Latchkey that starts a moment later; the lock can).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { lockHolder } from './services/storage/dir-lock.ts';
import { ensurePrivateDir, NOFOLLOW, UntrustedPath } from './services/storage/trusted-path.ts';

/** How the user picks another folder, where they can ("start with --data-dir DIR"); null where they cannot. */
export interface DataFolderHow {
  anotherFolder: string | null;
}

/** The lock files of the stores that keep one (client storage, the vault). */
const LOCKS = ['client-storage.json.lock', 'vault.json.lock'];

const quote = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;
const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
};

const reason = (error: unknown) => {
  const c = code(error);
  return REASONS[c] ? `${REASONS[c]} (${c})` : c || (error as Error).message;
};

/** Returns null when `dir` can be Latchkey's data folder (creating it, 0700, if it is missing), else why not. */
export function checkDataFolder(dir: string, how: DataFolderHow): string | null {
  const orElse = (fix: string) => `fix: ${fix}${how.anotherFolder ? `, or ${how.anotherFolder}` : ''}`;
  // Where the user cannot repair the folder itself, the fix is another folder, or what the system needs.
  const otherwise = (error: unknown) => {
    const c = code(error);
    if (c === 'ENOSPC' || c === 'EDQUOT') return orElse('free some space on that disk');
    if (how.anotherFolder) return `fix: ${how.anotherFolder}`;
    return c === 'EROFS'
      ? 'fix: mount that file system read-write'
      : 'fix: check the folder and its permissions';
  };
  let existing;
  try {
    existing = lstatSync(dir);
  } catch {
    existing = null;
  }
  if (existing?.isFile()) {
    return `cannot use ${dir} as the data folder: it is a file, not a folder; ${orElse('move or rename that file')}`;
  }
  try {
    ensurePrivateDir(dir);
  } catch (error) {
    // A folder another user could write to, or a link: its message already names the fix.
    if (error instanceof UntrustedPath) return error.message;
    const c = code(error);
    if (c === 'EACCES' || c === 'EPERM')
      return `cannot create the data folder ${dir}: ${reason(error)}; ${orElse(`create it yourself (mkdir -m 700 ${quote(dir)})`)}`;
    return `cannot create the data folder ${dir}: ${reason(error)}; ${otherwise(error)}`;
  }
  // Writable? One probe file, created exclusively without following links, removed at once.
  const probe = path.join(dir, `.write-check-${randomBytes(6).toString('hex')}`);
  try {
    closeSync(openSync(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600));
    unlinkSync(probe);
  } catch (error) {
    const c = code(error);
    if (c === 'EACCES' || c === 'EPERM')
      return `cannot use ${dir} as the data folder: Latchkey cannot write to it, ${reason(error)}; ${orElse(`chmod u+w ${quote(dir)}`)}`;
    return `cannot use ${dir} as the data folder: Latchkey cannot write to it, ${reason(error)}; ${otherwise(error)}`;
  }
  for (const lock of LOCKS) {
    const pid = lockHolder(path.join(dir, lock));
    if (pid !== null) {
      return `cannot use ${dir} as the data folder: another running Latchkey (pid ${pid}) is using it; ${orElse('quit that one first')}`;
    }
  }
  return null;
}

/** The same problem as the desktop app's start-up dialog says it: a sentence, then the fix on its own line. */
export function dataFolderDialog(problem: string): { title: string; content: string } {
  const [what, fix] = problem.split('; fix: ');
  const sentence = (t: string) => t[0]!.toUpperCase() + t.slice(1) + (/[.?!]$/.test(t) ? '' : '.');
  return {
    title: 'Latchkey cannot start',
    content: fix ? `${sentence(what!)}\n\nTo fix it: ${fix}.` : sentence(what!),
  };
}

/** What the desktop app needs from Electron to refuse a data folder: its dialog and its exit. */
export interface RefusalPorts {
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

/**
 * The desktop app's start-up check: true (after one dialog and exit 1) when the folder cannot work. The
 * desktop app has no option for another folder, so the fix is about this one.
 */
export function refuseBadDataFolder(dir: string, ports: RefusalPorts): boolean {
  const problem = checkDataFolder(dir, { anotherFolder: null });
  if (problem === null) return false;
  const { title, content } = dataFolderDialog(problem);
  ports.showErrorBox(title, content);
  ports.exit(1);
  return true;
}
