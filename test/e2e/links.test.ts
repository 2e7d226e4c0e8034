/** Links in web mode, in real Chromium: what the Links card refuses and what link.canOpen answers there. */
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

async function linksCard() {
  const page = await browser.context.newPage();
  await page.goto(web.url);
  await page.getByRole('tab', { name: 'Window' }).click();
  return { page, card: page.getByRole('region', { name: 'Links' }) };
}

describe('Links card in web mode', () => {
  it('refuses a mailto link that would attach a file, and opens nothing', async () => {
    const { page, card } = await linksCard();
    const pagesBefore = browser.context.pages().length;
    await card
      .getByRole('textbox', { name: 'Link' })
      .fill('mailto:someone@example.com?subject=Hi&attach=/etc/passwd');
    await card.getByRole('button', { name: 'Open link' }).click();
    await card.getByRole('alert').filter({ hasText: 'subject, body, cc, bcc (not "attach")' }).waitFor();
    expect(browser.context.pages().length).toBe(pagesBefore);
    await page.close();
  });

  it('opens at most 10 links a minute from one page, then says so and opens nothing', async () => {
    const { page, card } = await linksCard();
    // The sites: served by the test, so nothing leaves this machine.
    await browser.context.route('https://many.example.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Many</title>' }),
    );
    // New tabs, not one named popup reused: each open is a new page to count.
    await card.getByRole('checkbox', { name: 'In-app popup' }).uncheck();
    const pagesBefore = browser.context.pages().length;
    for (let i = 0; i < 10; i++) {
      await card.getByRole('textbox', { name: 'Link' }).fill(`https://many.example.test/${i}`);
      const opened = browser.context.waitForEvent('page');
      await card.getByRole('button', { name: 'Open link' }).click();
      await opened;
    }
    await card.getByRole('textbox', { name: 'Link' }).fill('https://many.example.test/eleventh');
    await card.getByRole('button', { name: 'Open link' }).click();
    await card.getByRole('alert').filter({ hasText: 'opened too many links and popups' }).waitFor();
    expect(browser.context.pages().length).toBe(pagesBefore + 10);
    for (const other of browser.context.pages().slice(pagesBefore)) await other.close();
    await page.close();
  });

  // Alternating answers, so each wait sees the new one, never the last.
  it('answers Check link by the policy: tel and sms yes, other schemes and attach= no', async () => {
    const { page, card } = await linksCard();
    const check = async (url: string, answer: string) => {
      await card.getByRole('textbox', { name: 'Link' }).fill(url);
      await card.getByRole('button', { name: 'Check link' }).click();
      await card.getByRole('status').filter({ hasText: answer }).waitFor();
    };
    await check('tel:+15551234567', 'This link can be opened here');
    await check('javascript:alert(1)', 'This link cannot be opened here');
    await check('sms:+15551234567?body=hello', 'This link can be opened here');
    await check('mailto:a@example.com?attach=x', 'This link cannot be opened here');
    await page.close();
  });
});
