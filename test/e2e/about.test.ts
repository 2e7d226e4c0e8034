/** The About area in web mode: the version, and that updates and the log file are the installed app's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

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

describe('About area in web mode', () => {
  it('says updates are for the installed app, offers no update button, and says where the log goes', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    await page.getByRole('tab', { name: 'About' }).click();
    const updates = page.getByRole('region', { name: 'Updates' });
    await expect
      .poll(() => updates.getByRole('status').textContent())
      .toMatch(/updates are for the installed app/i);
    expect(await updates.getByRole('button').count()).toBe(0);
    const logs = page.getByRole('region', { name: 'Logs' });
    expect(await logs.textContent()).toContain('Web mode writes its log to the terminal');
    expect(await page.getByRole('region', { name: 'Latchkey' }).textContent()).toMatch(
      /Version \S+ · web mode/,
    );
  });
});
