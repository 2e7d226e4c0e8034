import { open, rename } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

/** fsync a directory so a rename inside it survives a power cut (a no-op where directories cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
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

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old or the new content:
 * write a temporary file beside it, fsync, rename over, fsync the directory. Mode 0600: only the user.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${counter++}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await syncDir(path.dirname(file));
}

/** Moves a damaged file aside under a timestamped name, keeping it for the user rather than deleting it. */
export async function moveAside(file: string, label: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const ext = path.extname(file);
  const target = `${file.slice(0, file.length - ext.length)}.${label}-${stamp}${ext}`;
  await rename(file, target);
  return target;
}
