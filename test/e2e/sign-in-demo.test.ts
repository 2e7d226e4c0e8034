import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';
import { startWebHost } from './helpers/web-host.ts';
import { signInThroughPopup, signInWithDemo } from './helpers/provider-popup.ts';

const app = appInBrowser();

/** Fills the demo identity provider's own login and consent pages in the popup. */
async function approveAtDemoProvider(popup: Page, account = 'ada', password = 'demo') {
  await popup.getByRole('textbox', { name: 'Username' }).fill(account);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: 'Allow' }).click();
  await popup.getByRole('heading', { name: 'Signed in with Demo' }).waitFor();
}

/** The app in a new tab, and its Demo card. */
async function openDemoCard() {
  const page = await app.browser.context.newPage();
  await page.goto(app.web.url);
  return { page, card: page.getByRole('region', { name: 'Demo' }) };
}

describe('sign-in with the built-in demo provider, no configuration', () => {
  it('signs in, shows the user and groups, refreshes, calls userinfo, signs out', async () => {
    const { page, card } = await openDemoCard();
    const popupPromise = app.browser.context.waitForEvent('page');
    await card.getByRole('button', { name: 'Sign in with Demo' }).click();
    const popup = await popupPromise;
    // The app shows the pending state with the link and Cancel meanwhile.
    await card.getByRole('button', { name: 'Cancel' }).waitFor();
    expect(await card.getByRole('textbox', { name: 'Sign-in link' }).inputValue()).toMatch(
      /code_challenge_method=S256/,
    );

    await approveAtDemoProvider(popup);
    // The code is gone from the address bar after the redirect.
    expect(popup.url()).not.toContain('code=');
    expect(popup.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/demo\/done\//);
    await popup.close();

    await page.bringToFront();
    const details = card.getByRole('definition');
    await card.getByText('Ada Lovelace').waitFor();
    const text = await card.textContent();
    expect(text).toContain('ada@demo.latchkey.invalid');
    expect(text).toContain('admins, engineering');
    expect(text).toMatch(/openid/);
    expect(await details.count()).toBeGreaterThan(5);
    const fingerprint = await card.getByText(/^sha256:/).textContent();

    await card.getByRole('button', { name: 'Refresh now' }).click();
    // Refresh now says what happened.
    await card
      .getByRole('status')
      .filter({ hasText: /^Refreshed: the new token expires in \d+ min/ })
      .waitFor();
    await page.waitForFunction(
      (old) => ![...document.querySelectorAll('code')].some((c) => c.textContent === old),
      fingerprint,
    );
    expect(await card.getByText(/^sha256:/).textContent()).not.toBe(fingerprint);

    await card.getByRole('button', { name: 'Call userinfo' }).click();
    const response = card.getByLabel('Demo API response');
    await response.waitFor();
    expect(await response.textContent()).toContain('"sub": "ada"');

    await card.getByRole('button', { name: 'Sign out' }).click();
    await card.getByRole('button', { name: 'Sign in with Demo' }).waitFor();
    await page.close();
  });

  it('Deny at the provider reads like Cancel in the app: a note, with access_denied under Technical detail', async () => {
    const { page, card } = await openDemoCard();
    const popup = await signInThroughPopup(
      app.browser.context,
      card.getByRole('button', { name: 'Sign in with Demo' }),
      {
        account: 'grace',
        consent: 'Deny',
        landing: 'Sign-in with Demo failed',
      },
    );
    await popup.close();
    await page.bringToFront();
    const note = card.getByRole('status').filter({ hasText: 'Sign-in cancelled on the provider’s page.' });
    await note.waitFor();
    expect(await note.locator('details code').textContent()).toMatch(/^access_denied/);
    expect(await card.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
    await page.close();
  });

  it('cancels a pending sign-in from the app', async () => {
    const { page, card } = await openDemoCard();
    const popupPromise = app.browser.context.waitForEvent('page');
    await card.getByRole('button', { name: 'Sign in with Demo' }).click();
    const popup = await popupPromise;
    await popup.close();
    await page.bringToFront();
    // While waiting, the card counts down to the timeout.
    await card.getByText(/times out in \d+ min \d+ s/).waitFor();
    await card.getByRole('button', { name: 'Cancel' }).click();
    // A neutral note, not a red failure.
    await card.getByRole('status').filter({ hasText: 'Sign-in cancelled.' }).waitFor();
    expect(
      await card
        .getByRole('alert')
        .filter({ hasText: /cancel/i })
        .count(),
    ).toBe(0);
    await card.getByRole('button', { name: 'Sign in with Demo' }).waitFor();
    await page.close();
  });

  it('Cancel in the app closes the provider window', async () => {
    const { page, card } = await openDemoCard();
    const popupPromise = app.browser.context.waitForEvent('page');
    await card.getByRole('button', { name: 'Sign in with Demo' }).click();
    const popup = await popupPromise;
    await popup.getByRole('textbox', { name: 'Username' }).waitFor();
    const closed = popup.waitForEvent('close');
    await card.getByRole('button', { name: 'Cancel' }).click();
    await closed;
    expect(popup.isClosed()).toBe(true);
    await card.getByRole('status').filter({ hasText: 'Sign-in cancelled.' }).waitFor();
    await page.close();
  });

  it('the next attempt reuses the provider window the last one left open', async () => {
    const { page, card } = await openDemoCard();
    const popup = await signInThroughPopup(
      app.browser.context,
      card.getByRole('button', { name: 'Sign in with Demo' }),
      { account: 'grace', consent: 'Deny', landing: 'Sign-in with Demo failed' },
    );
    const opened: Page[] = [];
    const record = (p: Page) => opened.push(p);
    app.browser.context.on('page', record);
    await page.bringToFront();
    await card.getByRole('button', { name: 'Sign in with Demo' }).click();
    await card.getByRole('button', { name: 'Cancel' }).waitFor();
    // The same window goes back to the provider's login page.
    await popup.getByRole('textbox', { name: 'Username' }).waitFor();
    await approveAtDemoProvider(popup, 'grace');
    await card.getByText('Grace Hopper').first().waitFor();
    app.browser.context.off('page', record);
    expect(opened).toHaveLength(0);
    await popup.close();
    await card.getByRole('button', { name: 'Sign out' }).click();
    await card.getByRole('button', { name: 'Sign in with Demo' }).waitFor();
    await page.close();
  });

  it('a remembered demo sign-in is signed in after web mode restarts, and refreshes at the demo provider', async () => {
    const own = await startWebHost();
    const page = await app.browser.context.newPage();
    await page.goto(own.url);
    const card = await signInWithDemo(app.browser.context, page);
    await card.getByText('Remembered on this computer.').waitFor();
    await page.close();
    expect(await own.stop()).toBe(0);

    const again = await startWebHost([], own.dataDir);
    const next = await app.browser.context.newPage();
    await next.goto(again.url);
    const restored = next.getByRole('region', { name: 'Demo' });
    await restored.getByText('Ada Lovelace').waitFor();
    await restored.getByText('Restored from your last session.').waitFor();
    await restored.getByRole('button', { name: 'Refresh now' }).click();
    await restored
      .getByRole('status')
      .filter({ hasText: /^Refreshed: the new token expires in/ })
      .waitFor();
    expect(
      await restored
        .getByRole('alert')
        .filter({ hasText: /invalid_grant|failed/ })
        .count(),
    ).toBe(0);
    await next.close();
    await again.stop();
  });
});
