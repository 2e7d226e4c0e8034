import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPaths } from '../../src/main/electron/built-paths.ts';
import { CSP_META_TAG } from '../../src/shared/csp.ts';
import { SECRET_META_PLACEHOLDER } from '../../src/shared/web-protocol.ts';

/** zod 4 keeps its internals under `._zod`: a bundle that contains zod contains this. */
const ZOD_MARK = /\._zod\b/;

// `npm test` runs `electron-vite build` first; these check what it produced for the Electron app.
describe('Electron bundles', () => {
  it('the sandboxed preload requires nothing but electron', async () => {
    const preload = await readFile('out/preload/index.cjs', 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('the preload and renderer the main entry points at exist in the build', () => {
    const paths = builtPaths(path.resolve('out/main'));
    expect(existsSync(paths.preload)).toBe(true);
    expect(existsSync(path.join(paths.renderer, 'index.html'))).toBe(true);
  });

  it('the preload carries no zod and stays within its 10 KB budget', async () => {
    const preload = await readFile('out/preload/index.cjs', 'utf8');
    expect(preload).not.toMatch(ZOD_MARK);
    expect(statSync('out/preload/index.cjs').size).toBeLessThanOrEqual(10 * 1024);
  });

  it('the renderer carries no zod (argument schemas are checked by the host only)', async () => {
    const dir = 'out/renderer/assets';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      expect(await readFile(path.join(dir, file), 'utf8'), file).not.toMatch(ZOD_MARK);
    }
  });

  it('the renderer page carries the strict CSP, written by the build from src/shared/csp.ts', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html).toContain(CSP_META_TAG);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("script-src 'self'");
    // Before anything the policy should cover: right after the charset.
    expect(html.indexOf(CSP_META_TAG)).toBeLessThan(html.search(/<(link|script|style)\b/));
    expect(html).not.toContain('latchkey:head-meta');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });

  it('the renderer page holds the secret placeholder web mode fills in', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html.split(SECRET_META_PLACEHOLDER)).toHaveLength(2);
  });

  it('the main entry loads the app from the app:// protocol, not file://', async () => {
    const main = await readFile('out/main/index.js', 'utf8');
    expect(main).toContain('app://latchkey');
    expect(main).not.toContain('loadFile(');
  });
});
