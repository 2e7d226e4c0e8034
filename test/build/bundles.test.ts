import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// `npm test` runs `electron-vite build` first; these check what it produced for the Electron app.
describe('Electron bundles', () => {
  it('the sandboxed preload requires nothing but electron', async () => {
    const preload = await readFile('out/preload/index.cjs', 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('the renderer page carries the strict CSP', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });

  it('the main entry loads the app from the app:// protocol, not file://', async () => {
    const main = await readFile('out/main/index.js', 'utf8');
    expect(main).toContain('app://latchkey');
    expect(main).not.toContain('loadFile(');
  });
});
