/**
 * The whole app without a mouse, at a desktop size and at the smallest supported one: sign in with Demo,
 * add and clear client and session storage, encrypt and decrypt, sign out, forget all remembered sign-ins —
 * Tab, Shift+Tab, arrows, Escape, typing and Enter only. After every step keyboard focus is on the control
 * that continues the task, never on the page body and never under the sticky tab bar.
 */
import { AREAS } from '../../src/renderer/areas.ts';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus (it must be reachable by keyboard). */
async function tabTo(page: Page, target: Locator, backwards = false, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    // Past the last control Tab passes the document itself before it wraps: only the bar is checked here.
    await focusVisible(page, `Tab towards ${target.toString()}`, { wrapping: true });
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

/**
 * Where focus is: not the body, and (in a narrow window, where the tab bar sticks to the top) not hidden
 * under the tab bar — the focused control's top is below the bar's bottom, unless it is in the bar.
 */
async function focusVisible(page: Page, after: string, { wrapping = false } = {}): Promise<void> {
  const where = await page.evaluate((wrapping) => {
    const el = document.activeElement;
    if (el === null || el === document.body) return wrapping ? 'ok' : 'body';
    const bar = document.querySelector('.sidebar');
    if (bar && getComputedStyle(bar).position === 'sticky' && !bar.contains(el)) {
      const covered = el.getBoundingClientRect().top < bar.getBoundingClientRect().bottom - 1;
      if (covered)
        return `under the tab bar: ${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent}`;
    }
    return 'ok';
  }, wrapping);
  expect(where, `focus after ${after}`).toBe('ok');
}

/** Focus is on exactly this control after a step. */
async function focusOn(page: Page, target: Locator, after: string): Promise<void> {
  await focusVisible(page, after);
  expect(await isFocused(target), `focus after ${after} is on ${target.toString()}`).toBe(true);
}

/** Moves to another area with the keyboard: to the selected tab, then arrows. */
async function area(page: Page, from: string, to: string): Promise<void> {
  await tabTo(page, page.getByRole('tab', { name: from }), true);
  const names: string[] = AREAS.map((a) => a.label);
  const steps = names.indexOf(to) - names.indexOf(from);
  for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await page.getByRole('tab', { name: to, selected: true }).waitFor();
  await focusOn(page, page.getByRole('tab', { name: to }), `moving to ${to}`);
}

/** Types an entry into a storage form and saves it with Enter in its value field. */
async function addEntry(page: Page, region: Locator, store: string, key: string, value: string) {
  await tabTo(page, region.getByRole('textbox', { name: `${store} key` }));
  await page.keyboard.type(key);
  await page.keyboard.press('Tab');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await region.getByRole('rowheader', { name: key }).waitFor();
  await focusVisible(page, `saving ${key}`);
}

/** Clears a store through its inline question: first Escape (Keep), then Clear. */
async function clearStore(page: Page, region: Locator, store: string, button: string, key: Locator) {
  const trigger = region.getByRole('button', { name: button });
  await tabTo(page, trigger);
  await page.keyboard.press('Enter');
  await focusOn(page, region.getByRole('button', { name: 'Keep' }), `asking to clear ${store}`);
  await page.keyboard.press('Escape');
  await focusOn(page, trigger, `Escape on the question about ${store}`);
  await page.keyboard.press('Enter');
  await tabTo(page, region.getByRole('button', { name: 'Clear', exact: true }), true);
  await page.keyboard.press('Enter');
  await region.getByText('No entries.').waitFor();
  await focusOn(page, key, `clearing ${store}`);
}

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'smallest', width: 360, height: 480 },
] as const;

describe('keyboard only', () => {
  for (const size of SIZES) {
    it(`${size.name} ${size.width}×${size.height}: sign in, storage, encryption, sign out, forget all`, async () => {
      const page = await app.browser.context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(app.web.url);
      const card = page.getByRole('region', { name: 'Demo' });
      // Set-up, not part of the journey: start signed out even if an earlier run stopped half-way.
      await card.getByRole('button', { name: /^(Sign in with Demo|Sign out)$/ }).waitFor();
      if (await card.getByRole('button', { name: 'Sign out' }).isVisible())
        await card.getByRole('button', { name: 'Sign out' }).click();

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
      await focusVisible(page, 'signing in');

      // Client storage: add two keys, edit one (focus goes to the form), then clear them all.
      await area(page, 'Sign-in', 'Storage');
      const storage = page.getByRole('region', { name: 'Client storage' });
      const clientKey = storage.getByRole('textbox', { name: 'Client storage key' });
      await addEntry(page, storage, 'Client storage', 'typed.by.keyboard', 'no mouse');
      await addEntry(page, storage, 'Client storage', 'second.key', 'two');
      await tabTo(page, storage.getByRole('button', { name: 'Edit client storage entry second.key' }));
      await page.keyboard.press('Enter');
      await focusOn(page, clientKey, 'Edit');
      expect(await clientKey.inputValue()).toBe('second.key');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('changed');
      await page.keyboard.press('Enter');
      await storage.getByRole('cell', { name: 'changed' }).waitFor();
      await focusVisible(page, 'saving an edit');

      // Session storage, then back up the page with Shift+Tab: focus never goes under the sticky bar.
      const session = page.getByRole('region', { name: 'Session storage' });
      const sessionKey = session.getByRole('textbox', { name: 'Session key' });
      await addEntry(page, session, 'Session', 'draft', 'kept for this page');
      await tabTo(page, storage.getByRole('searchbox', { name: 'Filter by prefix' }), true);

      await clearStore(page, storage, 'client storage', 'Clear client storage', clientKey);
      await clearStore(page, session, 'session storage', 'Clear session', sessionKey);

      // Encrypt, use the output as input, decrypt.
      await area(page, 'Storage', 'Encryption');
      const crypto = page.getByRole('region', { name: 'Passphrase encryption' });
      await tabTo(page, crypto.getByRole('textbox', { name: 'Input' }));
      await page.keyboard.type('secret typed by keyboard');
      await tabTo(page, crypto.getByLabel('Passphrase'), true);
      await page.keyboard.type('keys');
      await page.keyboard.press('Enter'); // Enter in the passphrase field encrypts
      await crypto
        .getByRole('status')
        .filter({ hasText: /Encrypted in/ })
        .waitFor();
      await focusOn(page, crypto.getByLabel('Passphrase'), 'encrypting (Enter where it was pressed)');
      await tabTo(page, crypto.getByRole('button', { name: 'Use output as input' }));
      await page.keyboard.press('Enter');
      await focusOn(page, crypto.getByRole('textbox', { name: 'Input' }), 'using the output as input');
      await tabTo(page, crypto.getByRole('button', { name: 'Decrypt' }));
      await page.keyboard.press('Enter');
      await crypto
        .getByRole('status')
        .filter({ hasText: /Decrypted in/ })
        .waitFor();
      expect(await crypto.getByRole('textbox', { name: 'Output' }).inputValue()).toBe(
        'secret typed by keyboard',
      );
      await focusOn(page, crypto.getByRole('button', { name: 'Decrypt' }), 'decrypting');

      // Forget all remembered sign-ins (the sign-in was remembered); then the button is off: nothing is left.
      await area(page, 'Encryption', 'Sign-in');
      const vault = page.getByRole('region', { name: 'Remembered sign-ins' });
      const forget = vault.getByRole('button', { name: 'Forget all remembered sign-ins' });
      await tabTo(page, forget);
      await page.keyboard.press('Enter');
      await tabTo(page, vault.getByRole('button', { name: 'Forget', exact: true }), true);
      await page.keyboard.press('Enter');
      await vault.getByText('Nothing is remembered.', { exact: false }).waitFor();
      // Off now (nothing to forget), yet focus stays on it rather than dropping to the page.
      await page.waitForFunction(() => document.activeElement?.matches('button[aria-disabled="true"]'));
      await focusOn(page, forget, 'forgetting all');
      // Sign out: focus on the sign-in button, not "Remember me".
      await tabTo(page, card.getByRole('button', { name: 'Sign out' }), true);
      await page.keyboard.press('Enter');
      const signIn = card.getByRole('button', { name: 'Sign in with Demo' });
      await signIn.waitFor();
      await page.waitForFunction(() => !document.querySelector('.provider button:disabled'));
      await focusOn(page, signIn, 'signing out');

      await page.close();
    });
  }
});
