/**
 * The whole app without a mouse: sign in with Demo, store and remove a key, encrypt and decrypt, sign out —
 * Tab, arrows, typing and Enter only, and after every action keyboard focus is somewhere, never the page body.
 */
import { AREAS } from '../../src/renderer/areas.ts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has focus (it must be reachable by keyboard). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

async function focusNotLost(page: Page, after: string): Promise<void> {
  const where = await page.evaluate(() => {
    const el = document.activeElement;
    return el === null || el === document.body
      ? 'body'
      : `${el.tagName} ${el.textContent ?? ''}`.slice(0, 80);
  });
  expect(where, `focus after ${after}`).not.toBe('body');
}

/** Moves to another area with the keyboard: to the selected tab, then arrows. */
async function area(page: Page, from: string, to: string): Promise<void> {
  await tabTo(page, page.getByRole('tab', { name: from }));
  const names: string[] = AREAS.map((a) => a.label);
  const steps = names.indexOf(to) - names.indexOf(from);
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await page.getByRole('tab', { name: to, selected: true }).waitFor();
  expect(await isFocused(page.getByRole('tab', { name: to }))).toBe(true);
}

describe('keyboard only', () => {
  it('signs in, stores and removes a key, encrypts and decrypts, signs out', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    const card = page.getByRole('region', { name: 'Demo' });

    // Sign in with Demo; the provider's own pages, in the popup, by keyboard too.
    await tabTo(page, card.getByRole('button', { name: 'Sign in with Demo' }));
    const popupPromise = app.browser.context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const popup = await popupPromise;
    await popup.getByRole('textbox', { name: 'Username' }).waitFor();
    await tabTo(popup, popup.getByRole('textbox', { name: 'Username' }));
    await popup.keyboard.type('ada');
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('demo');
    await popup.keyboard.press('Enter');
    await popup.getByRole('button', { name: 'Allow' }).waitFor();
    await tabTo(popup, popup.getByRole('button', { name: 'Allow' }));
    await popup.keyboard.press('Enter');
    await popup.getByRole('heading', { name: 'Signed in with Demo' }).waitFor();
    await popup.close();
    await page.bringToFront();
    await card.getByText('Ada Lovelace').waitFor();
    await focusNotLost(page, 'signing in');

    // Store a key (Enter in the value field saves), then remove it.
    await area(page, 'Sign-in', 'Storage');
    const storage = page.getByRole('region', { name: 'Client storage' });
    await tabTo(page, storage.getByRole('textbox', { name: 'Client storage key' }));
    await page.keyboard.type('typed.by.keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('no mouse');
    await page.keyboard.press('Enter');
    await storage.getByRole('rowheader', { name: 'typed.by.keyboard' }).waitFor();
    await focusNotLost(page, 'saving');
    await tabTo(page, storage.getByRole('button', { name: 'Remove client storage entry typed.by.keyboard' }));
    await page.keyboard.press('Enter');
    await storage.getByRole('rowheader', { name: 'typed.by.keyboard' }).waitFor({ state: 'detached' });
    await focusNotLost(page, 'removing');

    // Encrypt, use the output as input, decrypt.
    await area(page, 'Storage', 'Encryption');
    const crypto = page.getByRole('region', { name: 'Passphrase encryption' });
    await tabTo(page, crypto.getByRole('textbox', { name: 'Input' }));
    await page.keyboard.type('secret typed by keyboard');
    await tabTo(page, crypto.getByLabel('Passphrase'));
    await page.keyboard.type('keys');
    await page.keyboard.press('Enter'); // Enter in the passphrase field encrypts
    await crypto
      .getByRole('status')
      .filter({ hasText: /Encrypted in/ })
      .waitFor();
    await focusNotLost(page, 'encrypting');
    await tabTo(page, crypto.getByRole('button', { name: 'Use output as input' }));
    await page.keyboard.press('Enter');
    await focusNotLost(page, 'using the output as input');
    await tabTo(page, crypto.getByRole('button', { name: 'Decrypt' }));
    await page.keyboard.press('Enter');
    await crypto
      .getByRole('status')
      .filter({ hasText: /Decrypted in/ })
      .waitFor();
    expect(await crypto.getByRole('textbox', { name: 'Output' }).inputValue()).toBe(
      'secret typed by keyboard',
    );
    await focusNotLost(page, 'decrypting');

    // Sign out.
    await area(page, 'Encryption', 'Sign-in');
    await tabTo(page, card.getByRole('button', { name: 'Sign out' }));
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Sign in with Demo' }).waitFor();
    await focusNotLost(page, 'signing out');
    await page.close();
  });
});
