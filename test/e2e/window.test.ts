import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';
import { WINDOW_PROPS, type WindowProps } from '../../src/shared/window-types.ts';

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

  it("answers unsupported for each of Flet's window properties, naming it, and the controls are off", async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Window properties' });
    for (const name of ['Frameless', 'Prevent close', 'Transparent', 'Resizable']) {
      expect(await card.getByRole('checkbox', { name }).isDisabled()).toBe(true);
    }
    expect(await card.getByRole('button', { name: 'Apply window properties' }).isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: 'Centre window' }).isDisabled()).toBe(true);
    const sample: Required<WindowProps> = {
      opacity: 0.5,
      minWidth: 300,
      minHeight: 200,
      maxWidth: 900,
      maxHeight: 700,
      resizable: false,
      fullScreen: true,
      preventClose: true,
      skipTaskBar: true,
      progressBar: 0.5,
      frameless: true,
      titleBarHidden: true,
      transparent: true,
    };
    // What a page asks web mode for, as the page's own transport sends it (README "Web mode").
    const answers = await page.evaluate(
      async ({ props }) => {
        const secret = document.querySelector<HTMLMetaElement>('meta[name="latchkey-web"]')!.content;
        const call = (name: string, args: unknown[]) =>
          fetch(`/api/call/${name}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-latchkey-secret': secret,
              'x-latchkey-client': 'e2e-window-props',
            },
            body: JSON.stringify({ args }),
          }).then((r) => r.json());
        const each: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(props))
          each[key] = await call('window.update', [{ [key]: value }]);
        return { each, center: await call('window.center', []), destroy: await call('window.destroy', []) };
      },
      { props: sample },
    );
    for (const key of WINDOW_PROPS) {
      expect(answers.each[key], key).toMatchObject({
        ok: false,
        error: { code: 'unsupported', path: `[0].${key}`, message: expect.stringContaining(key) },
      });
    }
    expect(answers.center).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(answers.destroy).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    await page.close();
  });

  it("Full screen is the browser's own in web mode, asked for by the page, and leaves again", async () => {
    const page = await windowArea();
    const card = page.getByRole('region', { name: 'Window properties' });
    const full = card.getByRole('checkbox', { name: 'Full screen' });
    // The box follows the browser (its fullscreenchange event), so it is clicked, not check()ed.
    await full.click();
    await card.getByRole('status').filter({ hasText: 'Full screen (Esc leaves it)' }).waitFor();
    expect(await page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#window-props-full-screen')?.checked,
    );
    await full.click();
    await card.getByRole('status').filter({ hasText: 'Left full screen' }).waitFor();
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(await full.isChecked()).toBe(false);
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
