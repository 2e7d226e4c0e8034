import type { BrowserContext, Locator, Page } from 'playwright-core';

/**
 * Clicks a "Sign in with …" button and plays the user in the provider's popup (the demo/test provider's own
 * login and consent pages). Returns the popup, left open on the page the browser landed on.
 */
export async function signInThroughPopup(
  context: BrowserContext,
  button: Locator,
  options: { account?: string; password?: string; consent?: 'Allow' | 'Deny'; landing: RegExp | string },
): Promise<Page> {
  const popupPromise = context.waitForEvent('page');
  await button.click();
  const popup = await popupPromise;
  await popup.getByRole('textbox', { name: 'Username' }).fill(options.account ?? 'ada');
  await popup.getByLabel('Password').fill(options.password ?? 'demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: options.consent ?? 'Allow' }).click();
  await popup.getByRole('heading', { name: options.landing }).waitFor();
  return popup;
}

/**
 * Signs in with the built-in demo provider from the app page (popup, its login and consent pages), closes the
 * popup and waits until the Demo card shows the user.
 */
export async function signInWithDemo(context: BrowserContext, page: Page, account = 'ada'): Promise<Locator> {
  const card = page.getByRole('region', { name: 'Demo' });
  const popup = await signInThroughPopup(context, card.getByRole('button', { name: 'Sign in with Demo' }), {
    account,
    landing: 'Signed in with Demo',
  });
  await popup.close();
  await page.bringToFront();
  await card.getByText(account === 'ada' ? 'Ada Lovelace' : account, { exact: false }).waitFor();
  return card;
}
