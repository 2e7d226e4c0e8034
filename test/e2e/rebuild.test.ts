/** `npm run web` keeps working across a rebuild: the page it serves always names the current build's files. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let web: RunningWebHost;
let browser: LaunchedBrowser;

beforeAll(async () => {
  web = await startWebHost();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

describe('a rebuild while web mode runs', () => {
  it('does not blank the page: a reload after the rebuild shows the app', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'Storage' }).waitFor();
    // The same build `npm test` and `npm start` run: the output folder is emptied and written again.
    const build = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'vite'),
      ['build', '--config', 'vite.renderer.config.ts'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(build.status, build.stderr).toBe(0);
    await page.reload();
    await page.getByRole('tab', { name: 'Storage' }).waitFor();
    expect(await page.getByRole('tablist', { name: 'Areas' }).isVisible()).toBe(true);
    await page.close();
  });
});
