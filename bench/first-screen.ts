/** What a built page loads before its first screen can run, read from its index.html (renderer bench). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The scripts index.html loads: the entry and the chunks it imports statically (Vite lists those as
 * modulepreload links). Chunks loaded by import() are not among them: they are not needed for the first screen.
 */
export function firstScreenScripts(html: string): string[] {
  const found = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.?\/?([^"]+\.js)"/g)];
  return [...new Set(found.map((m) => m[1]!))];
}

export interface ScriptBytes {
  files: string[];
  minified: number;
  gzip: number;
}

/** Bytes of the first screen's scripts as built (minified) and as gzip would send them, one file at a time. */
export async function firstScreenBytes(dir: string): Promise<ScriptBytes> {
  const files = firstScreenScripts(await readFile(path.join(dir, 'index.html'), 'utf8'));
  let minified = 0;
  let gzip = 0;
  for (const file of files) {
    const body = await readFile(path.join(dir, file));
    minified += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files, minified, gzip };
}
