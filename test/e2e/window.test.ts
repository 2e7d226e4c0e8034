import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function windowArea() {
  const page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('tab', { name: 'Window' }).click();
  return page;
}

describe('Window panel in web mode', () => {
  it('says what a browser cannot do, and disables those controls', async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Window', exact: true });
    expect(await card.getByRole('note').textContent()).toContain('cannot move, resize, pin or float');
    for (const name of [
      'Minimise',
      'Maximise or restore',
      'Close window',
      'Open the floating window',
      'Move and resize',
    ]) {
      expect(await card.getByRole('button', { name }).isDisabled()).toBe(true);
    }
    expect(await card.getByRole('checkbox', { name: 'Always on top' }).isDisabled()).toBe(true);
    await card.getByRole('button', { name: 'Bring to front' }).click();
    await card.getByRole('status').filter({ hasText: 'Brought to the front' }).waitFor();
    expect(await page.evaluate(() => document.hasFocus())).toBe(true);
    await page.close();
  });

  it('round-trips text through the clipboard', async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Clipboard' });
    await card.getByRole('textbox', { name: 'Clipboard text' }).fill('Latchkey ✓ clipboard');
    await card.getByRole('button', { name: 'Copy to clipboard' }).click();
    await card.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Latchkey ✓ clipboard');
    await page.evaluate(() => navigator.clipboard.writeText('written elsewhere'));
    await card.getByRole('button', { name: 'Read clipboard' }).click();
    await card.getByLabel('Clipboard contents').filter({ hasText: 'written elsewhere' }).waitFor();
    await page.close();
  });

  it('opens a link in a popup of the given size, reuses it by name, and closes it', async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Links' });
    // The popup's site: served by the test, so nothing leaves this machine.
    await browser.context.route('https://docs.example.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Docs</title><h1>Docs</h1>' }),
    );
    await card.getByRole('textbox', { name: 'Link' }).fill('https://docs.example.test/page');
    await card.getByRole('textbox', { name: 'Popup width' }).fill('500');
    await card.getByRole('textbox', { name: 'Popup height' }).fill('400');
    const popupPromise = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Open link' }).click();
    const popup = await popupPromise;
    await popup.waitForLoadState();
    expect(popup.url()).toBe('https://docs.example.test/page');
    expect(await popup.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([500, 400]);
    await card.getByRole('status').filter({ hasText: 'in-app popup' }).waitFor();

    // Same window name: the same popup is reused and navigated, no new window.
    const pagesBefore = browser.context.pages().length;
    await card.getByRole('textbox', { name: 'Link' }).fill('https://docs.example.test/other');
    await card.getByRole('button', { name: 'Open link' }).click();
    await popup.waitForURL('https://docs.example.test/other');
    expect(browser.context.pages().length).toBe(pagesBefore);

    const closed = popup.waitForEvent('close');
    await card.getByRole('button', { name: 'Close in-app window' }).click();
    await closed;
    await card.getByRole('status').filter({ hasText: 'Closed the in-app window' }).waitFor();
    await page.close();
  });

  it('refuses links that are not http, https, mailto, tel or sms', async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Links' });
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd']) {
      await card.getByRole('textbox', { name: 'Link' }).fill(bad);
      await card.getByRole('button', { name: 'Open link' }).click();
      await card.getByRole('alert').filter({ hasText: 'sms links can be opened, not' }).waitFor();
    }
    expect(browser.context.pages().length).toBe(2); // the blank start page and this one: no popup opened
    await page.close();
  });
});

