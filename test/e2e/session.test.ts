import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();

describe('session storage in web mode', () => {
  it('adds, edits and removes entries through the UI', async () => {
    const page = await app.browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(app.web.url);

    await page.getByRole('tab', { name: 'Storage' }).click();
    const panel = page.getByRole('region', { name: 'Session storage' });
    await expect(panel.isVisible()).resolves.toBe(true);

    await panel.getByRole('textbox', { name: 'Session key' }).fill('greeting');
    await panel.getByRole('textbox', { name: 'Session value', exact: true }).fill('hello');
    await panel.getByRole('button', { name: 'Set session value' }).click();
    const table = panel.getByRole('table', { name: 'Session entries' });
    await table.getByRole('row', { name: /greeting/ }).waitFor();
    expect(await table.getByRole('row', { name: /greeting/ }).textContent()).toContain('"hello"');

    await panel.getByRole('textbox', { name: 'Session key' }).fill('prefs');
    await panel
      .getByRole('textbox', { name: 'Session value', exact: true })
      .fill('{"theme":"dark","size":3}');
    await panel.getByRole('combobox', { name: 'Session value type' }).selectOption('json');
    await panel.getByRole('button', { name: 'Set session value' }).click();
    await table.getByRole('row', { name: /prefs/ }).waitFor();

    // Edit: the form is filled from the row, then set again.
    await panel.getByRole('button', { name: 'Edit session entry greeting' }).click();
    expect(await panel.getByRole('textbox', { name: 'Session value', exact: true }).inputValue()).toBe(
      'hello',
    );
    await panel.getByRole('textbox', { name: 'Session value', exact: true }).fill('hello again');
    await panel.getByRole('button', { name: 'Set session value' }).click();
    await page.waitForFunction(() => document.body.textContent?.includes('"hello again"'));

    // Invalid JSON is refused in the form with a clear message, nothing stored.
    await panel.getByRole('textbox', { name: 'Session key' }).fill('broken');
    await panel.getByRole('textbox', { name: 'Session value', exact: true }).fill('{oops');
    await panel.getByRole('combobox', { name: 'Session value type' }).selectOption('json');
    await panel.getByRole('button', { name: 'Set session value' }).click();
    expect(await panel.getByRole('alert').textContent()).toContain('not valid JSON');
    expect(await table.getByRole('row', { name: /broken/ }).count()).toBe(0);

    await panel.getByRole('button', { name: 'Remove session entry greeting' }).click();
    await table.getByRole('row', { name: /greeting/ }).waitFor({ state: 'detached' });
    expect(await table.getByRole('row').count()).toBe(2); // header + prefs

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps the session across a reload, as Flet does; a new tab starts an empty one', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'Storage' }).click();
    const panel = page.getByRole('region', { name: 'Session storage' });
    await panel.getByRole('textbox', { name: 'Session key' }).fill('draft');
    await panel.getByRole('textbox', { name: 'Session value', exact: true }).fill('kept over a reload');
    await panel.getByRole('button', { name: 'Set session value' }).click();
    const row = (p: typeof page) =>
      p
        .getByRole('region', { name: 'Session storage' })
        .getByRole('table', { name: 'Session entries' })
        .getByRole('row', { name: /draft/ });
    await row(page).waitFor();

    // The page-load id lives in the tab's sessionStorage: the reloaded page continues the same session.
    await page.reload();
    await page.getByRole('tab', { name: 'Storage' }).click();
    await row(page).waitFor();
    expect(await row(page).textContent()).toContain('"kept over a reload"');

    // A new tab has its own sessionStorage, so its own session.
    const other = await app.browser.context.newPage();
    await other.goto(app.web.url);
    await other.getByRole('tab', { name: 'Storage' }).click();
    await other.getByRole('region', { name: 'Session storage' }).getByText('No entries.').waitFor();
    expect(await row(other).count()).toBe(0);

    // An id a page makes up (here: short and guessable) is replaced, never used to reach a session.
    await other.evaluate(() => sessionStorage.setItem('latchkey.pageSession', 'guessable'));
    await other.reload();
    await other.getByRole('tab', { name: 'Storage' }).click();
    await other.getByRole('region', { name: 'Session storage' }).getByText('No entries.').waitFor();
    expect(await other.evaluate(() => sessionStorage.getItem('latchkey.pageSession'))).toMatch(
      /^[A-Za-z0-9_-]{43}$/,
    );
    // The first tab's session is untouched by all of that.
    await page.reload();
    await page.getByRole('tab', { name: 'Storage' }).click();
    await row(page).waitFor();
    await other.close();
    await page.close();
  });

  it('shows a host-side validation error in the UI', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'Storage' }).click();
    const panel = page.getByRole('region', { name: 'Session storage' });
    await panel.getByRole('button', { name: 'Set session value' }).click(); // empty key
    // In plain words, with no method name in it.
    const alert = panel.getByRole('alert').filter({ hasText: 'key must not be empty' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/session\.set/);
    await page.close();
  });

  it('supports keyboard navigation between areas', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'Storage' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('tab', { name: 'Encryption' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Encryption');
    // The area last shown is kept in the app's settings: a new page load opens there.
    await page.reload();
    await page.getByRole('tab', { name: 'Encryption', selected: true }).waitFor();
    await page.close();
  });
});
