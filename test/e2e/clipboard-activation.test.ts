/**
 * The clipboard with a person behind it, in real Chromium (web mode): a script that presses the buttons
 * without a click or key press is refused with the app's own message, and a real click works.
 *
 * Playwright's own evaluate and locator calls count as a user gesture (CDP `userGesture: true`), so the
 * script-initiated part runs through a raw CDP `Runtime.evaluate`, which carries none, on a freshly loaded
 * document that nobody has touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let web: RunningWebHost;
let browser: LaunchedBrowser;

beforeAll(async () => {
  web = await startWebHost();
  browser = await launchChromium();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(web.url).origin,
  });
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/**
 * Clicks a button of the Clipboard card from page script, with no user activation. Waits for the button
 * inside the page (a MutationObserver), so nothing of Playwright's touches the document first. Answers
 * whether the frame had ever been activated when it clicked (it must not have been, for the test to mean
 * anything).
 */
async function scriptClick(page: Page, name: string): Promise<{ hadActivation: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  const expression = `new Promise((resolve) => {
    const find = () => [...document.querySelectorAll('section[aria-labelledby="clipboard-heading"] button')]
      .find((b) => b.textContent.trim() === ${JSON.stringify(name)});
    const go = (button) => {
      const hadActivation = navigator.userActivation.hasBeenActive;
      button.click();
      resolve(JSON.stringify({ hadActivation }));
    };
    const now = find();
    if (now) return go(now);
    const watch = new MutationObserver(() => {
      const button = find();
      if (button) { watch.disconnect(); go(button); }
    });
    watch.observe(document.documentElement, { childList: true, subtree: true });
  })`;
  const { result } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true });
  await cdp.detach();
  return JSON.parse(result.value as string) as { hadActivation: boolean };
}

describe('clipboard in web mode', () => {
  it('refuses a script-initiated read and write, and reads after a real click', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    // Open the Window area once by hand; the app remembers it, so the reload below lands there untouched.
    await page.getByRole('tab', { name: 'Window' }).click();
    await page.getByRole('region', { name: 'Clipboard' }).waitFor();
    await page.evaluate(() => navigator.clipboard.writeText('already on the clipboard'));
    await page.goto(web.url);

    expect(await scriptClick(page, 'Read clipboard')).toEqual({ hadActivation: false });
    const card = page.getByRole('region', { name: 'Clipboard' });
    await card.getByRole('alert').filter({ hasText: 'only right after you click or press a key' }).waitFor();
    expect(await card.getByLabel('Clipboard contents').count()).toBe(0);

    await page.goto(web.url);
    expect(await scriptClick(page, 'Copy to clipboard')).toEqual({ hadActivation: false });
    await card.getByRole('alert').filter({ hasText: 'only right after you click or press a key' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('already on the clipboard');

    // A person clicks: the same button reads the clipboard.
    await card.getByRole('button', { name: 'Read clipboard' }).click();
    await card.getByLabel('Clipboard contents').filter({ hasText: 'already on the clipboard' }).waitFor();
    await page.close();
  });
});
