/** `npm run web` keeps working across a rebuild: the page it serves always names the current build's files. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const app = appInBrowser();

describe('a rebuild while web mode runs', () => {
  it('does not blank the page: a reload after the rebuild shows the app', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
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
