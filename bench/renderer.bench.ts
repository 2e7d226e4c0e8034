/**
 * Renderer: how much JavaScript the first screen (Sign-in) loads, and how long Chromium takes from navigation
 * to an interactive "Sign in with Demo" button in web mode. Both beside a bare React 19 page
 * (bench/bare-react) built by the same Vite, with the same build options, in the same run, and served by the
 * same web host, so the difference is the app's own.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { createHost } from '../src/main/host.ts';
import { startWebServer, type WebServer } from '../src/main/web/server.ts';
import { CHROMIUM_ARGS } from '../test/e2e/helpers/browser.ts';
import { chromiumBinary } from '../test/helpers/chromium-binary.ts';
import { rendererConfig } from '../vite.renderer.config.ts';
import { firstScreenBytes } from './first-screen.ts';
import { row, type BenchRow } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'out', 'bench-renderer');
const BUTTON = 'Sign in with Demo';
const SAMPLES = 15;
const WARMUP = 2;

/** The app's renderer and the bare page, each into its own folder under out/ (out/renderer is left alone). */
async function buildBoth(): Promise<{ app: string; bare: string }> {
  const app = path.join(out, 'app');
  const bare = path.join(out, 'bare-react');
  const quiet = { configFile: false as const, logLevel: 'warn' as const };
  await build({ ...rendererConfig, ...quiet, build: { ...rendererConfig.build, outDir: app } });
  await build({
    ...quiet,
    root: path.join(root, 'bench', 'bare-react'),
    base: './',
    plugins: [react()],
    build: { ...rendererConfig.build, outDir: bare },
  });
  return { app, bare };
}

/**
 * Set up in the page before its own scripts run (CSP does not apply to it): records milliseconds from the
 * navigation's start (performance.now() counts from it) to the moment the button is in the document, shown
 * and enabled. React handles events at its root, so a committed button already answers a click. A string, as
 * it runs in the page, not in Node.
 */
const watchForButton = (name: string) => `(() => {
  const name = ${JSON.stringify(name)};
  const observer = new MutationObserver(() => {
    if (window.__interactiveAt !== undefined) return;
    for (const b of document.querySelectorAll('button')) {
      if (b.textContent.trim() === name && !b.disabled && b.getClientRects().length > 0) {
        window.__interactiveAt = performance.now();
        observer.disconnect();
        return;
      }
    }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

async function timeToButton(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: watchForButton(BUTTON) });
  await page.goto(url, { waitUntil: 'commit' });
  // Functions, not strings: a string would be eval'd in the page, which its CSP refuses.
  type Marked = { __interactiveAt?: number };
  await page.waitForFunction(() => (globalThis as Marked).__interactiveAt !== undefined);
  const at = await page.evaluate(() => (globalThis as Marked).__interactiveAt!);
  await context.close();
  return at;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => bytes / 1024;

export async function run(): Promise<BenchRow[]> {
  await rm(out, { recursive: true, force: true });
  const dirs = await buildBoth();
  const [appBytes, bareBytes] = await Promise.all([firstScreenBytes(dirs.app), firstScreenBytes(dirs.bare)]);

  const dataDir = path.join(out, 'data');
  await mkdir(dataDir, { recursive: true });
  const host = await createHost({ transport: 'web', version: 'bench', dataDir });
  const log = { warn() {}, error() {} };
  const servers: WebServer[] = [
    await startWebServer({ host, staticDir: dirs.app, log }),
    await startWebServer({ host, staticDir: dirs.bare, log }),
  ];
  const [appServer, bareServer] = servers as [WebServer, WebServer];
  const binary = await chromiumBinary();
  const browser = await chromium.launch({
    executablePath: binary.executablePath,
    env: { ...process.env, ...binary.env },
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const appTimes: number[] = [];
  const bareTimes: number[] = [];
  try {
    // Interleaved, so a neighbour's load on the shared machine falls on both alike.
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const a = await timeToButton(browser, appServer.url);
      const b = await timeToButton(browser, bareServer.url);
      if (i < WARMUP) continue;
      appTimes.push(a);
      bareTimes.push(b);
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    await host.close();
  }

  const bare = 'bare React 19 page, same Vite build';
  return [
    row({
      group: 'renderer',
      name: `JS for the first screen (Sign-in), minified (${appBytes.files.length} files, as index.html loads them)`,
      value: kb(appBytes.minified),
      unit: 'KB',
      baseline: { name: bare, value: kb(bareBytes.minified) },
      target: '≤ 200 KB',
      maxValue: 200,
    }),
    row({
      group: 'renderer',
      name: 'JS for the first screen (Sign-in), gzip',
      value: kb(appBytes.gzip),
      unit: 'KB',
      baseline: { name: bare, value: kb(bareBytes.gzip) },
      target: 'beside baseline',
    }),
    row({
      group: 'renderer',
      name: `navigation → interactive "${BUTTON}" button, Chromium, web mode (median of ${SAMPLES})`,
      value: median(appTimes),
      unit: 'ms',
      baseline: { name: bare, value: median(bareTimes) },
      target: '≤ 1.5× baseline',
      maxRatio: 1.5,
    }),
  ];
}
