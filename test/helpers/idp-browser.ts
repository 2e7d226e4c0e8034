import type { BrowserContext } from 'playwright-core';

/**
 * Plays the user at the test identity provider in real Chromium: opens the authorization URL, signs in
 * on the provider's login page and answers its consent page. Returns the text of the page the browser
 * lands on afterwards (the app's loopback result page).
 */
export async function approveInBrowser(
  context: BrowserContext,
  authorizationUrl: string,
  options: { account?: string; password?: string; consent?: 'allow' | 'deny' } = {},
): Promise<{ url: string; text: string }> {
  // Each approval starts without the provider's session cookie, as a different user would.
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.goto(authorizationUrl);
    await page.getByRole('textbox', { name: 'Username' }).fill(options.account ?? 'ada');
    await page.getByLabel('Password').fill(options.password ?? 'demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: options.consent === 'deny' ? 'Deny' : 'Allow' }).click();
    await page.waitForURL(/\/done\//);
    await page.getByRole('heading').first().waitFor();
    return { url: page.url(), text: (await page.textContent('body')) ?? '' };
  } finally {
    await page.close();
  }
}

/** The device flow at the provider: enter the user code, sign in, allow. */
export async function approveDeviceInBrowser(
  context: BrowserContext,
  verificationUri: string,
  userCode: string,
): Promise<string> {
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.goto(verificationUri);
    await page.getByRole('textbox', { name: 'Code' }).fill(userCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('textbox', { name: 'Username' }).fill('grace');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: /^Signed in to/ }).waitFor();
    return (await page.textContent('body')) ?? '';
  } finally {
    await page.close();
  }
}
