import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SECRET_META_PLACEHOLDER } from '../../src/shared/web-protocol.ts';

/** A minimal built-renderer folder for server tests that do not need the real bundle. */
export async function fakeRendererDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-renderer-'));
  await writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head>${SECRET_META_PLACEHOLDER}</head><body>app</body></html>`,
  );
  await writeFile(path.join(dir, 'app.js'), 'console.log(1)');
  return dir;
}
