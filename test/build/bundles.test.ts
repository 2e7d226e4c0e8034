import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPaths } from '../../src/main/electron/built-paths.ts';
import { CSP_META_TAG } from '../../src/shared/csp.ts';
import { SECRET_META_PLACEHOLDER } from '../../src/shared/web-protocol.ts';

/** Every script of the built renderer. */
const rendererScripts = () =>
  readdirSync('out/renderer/assets')
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join('out/renderer/assets', f));

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

  it('the renderer is minified, React’s license banners and all (build.minify)', async () => {
    for (const file of rendererScripts()) {
      const code = await readFile(file, 'utf8');
      // Unminified, the entry was 13,557 lines; minified, a chunk is a handful of very long lines.
      expect(code.split('\n').length, file).toBeLessThan(50);
      expect(code, file).not.toMatch(/@license React/);
    }
  });

  it('the renderer carries React’s production build, not the development one', async () => {
    const code = (await Promise.all(rendererScripts().map((f) => readFile(f, 'utf8')))).join('\n');
    // Strings that only react-dom's development build has.
    expect(code).not.toContain('Download the React DevTools');
    expect(code).not.toContain('In HTML, %s cannot be a child of');
    expect(code).not.toMatch(/process\.env\.NODE_ENV/);
    expect(code).toContain('react.transitional.element');
  });

  it('the first screen loads only its own chunk; the areas after Sign-in are chunks of their own', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    const loaded = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1],
    );
    const entry = loaded.map((f) => readFileSync(path.join('out/renderer', f!), 'utf8')).join('\n');
    for (const area of ['StoragePanel', 'EncryptionPanel', 'WindowPanel', 'AboutPanel']) {
      const chunk = readdirSync('out/renderer/assets').find(
        (f) => f.startsWith(`${area}-`) && f.endsWith('.js'),
      );
      expect(chunk, `${area} has its own chunk`).toBeDefined();
      expect(loaded).not.toContain(`assets/${chunk}`);
      // Loaded by a relative import() from the same origin: what script-src 'self' permits.
      expect(entry).toContain(`./${chunk}`);
    }
    // Text only the Storage area shows is not in what the first screen loads.
    expect(entry).not.toContain('Session storage');
  });

  it('the main entry loads the app from the app:// protocol, not file://', async () => {
    const main = await readFile('out/main/index.js', 'utf8');
    expect(main).toContain('app://latchkey');
    expect(main).not.toContain('loadFile(');
  });
});
