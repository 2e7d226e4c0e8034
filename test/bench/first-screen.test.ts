import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { firstScreenBytes, firstScreenScripts } from '../../bench/first-screen.ts';

const html = `<!doctype html><html><head>
<script type="module" crossorigin src="./assets/index-A.js"></script>
<link rel="modulepreload" crossorigin href="./assets/shared-B.js">
<link rel="stylesheet" crossorigin href="./assets/index-C.css">
<link rel="icon" href="./icon.svg">
</head><body></body></html>`;

describe('the renderer bench: what the first screen loads', () => {
  it('counts the entry and its modulepreloaded chunks, not styles, icons or import() chunks', () => {
    expect(firstScreenScripts(html)).toEqual(['assets/index-A.js', 'assets/shared-B.js']);
  });

  it('adds up their bytes as built and as gzip sends them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-first-screen-'));
    await mkdir(path.join(dir, 'assets'));
    const a = 'const a = 1;'.repeat(100);
    const b = 'export const b = 2;';
    await writeFile(path.join(dir, 'index.html'), html);
    await writeFile(path.join(dir, 'assets/index-A.js'), a);
    await writeFile(path.join(dir, 'assets/shared-B.js'), b);
    await writeFile(path.join(dir, 'assets/StoragePanel-D.js'), 'x'.repeat(5000));
    const bytes = await firstScreenBytes(dir);
    expect(bytes.minified).toBe(a.length + b.length);
    expect(bytes.gzip).toBe(gzipSync(a, { level: 9 }).length + gzipSync(b, { level: 9 }).length);
  });
});
