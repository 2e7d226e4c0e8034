/**
 * Several accounts with one provider, through the UI in Chromium by role and name: sign in as Ada, Add
 * another account as Grace, switch, sign one out, and after a restart of web mode both are back with the
 * active one kept. The demo provider (oidc-provider) plays the provider with its own login pages.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { signInThroughPopup } from './helpers/provider-popup.ts';
import { webApi } from './helpers/web-api.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Whose token calls without an account id use now, as the demo provider's userinfo says (the host's API). */
async function activeUser(web: RunningWebHost): Promise<string> {
  const call = await webApi(web);
  const info = (await call('auth.providers', [])) as {
    providers: Array<{ id: string; exampleRequest: { url: string } | null }>;
  };
  const demo = info.providers.find((p) => p.id === 'demo')!;
  const answer = (await call('auth.request', ['demo', { url: demo.exampleRequest!.url }])) as {
    body: string;
  };
  return (JSON.parse(answer.body) as { sub: string }).sub;
}

async function addAccount(page: Page, card: Locator, account: string) {
  const popup = await signInThroughPopup(
    browser.context,
    card.getByRole('button', { name: 'Add another account' }),
    { account, landing: 'Signed in with Demo' },
  );
  await popup.close();
  await page.bringToFront();
}

describe('several accounts with one provider, in the UI', () => {
  it('adds, switches, signs one out, and keeps both (and the active one) across a restart', async () => {
    const web = await startWebHost();
    const page = await browser.context.newPage();
    await page.goto(web.url);
    const card = page.getByRole('region', { name: 'Demo' });
    const popup = await signInThroughPopup(
      browser.context,
      card.getByRole('button', { name: 'Sign in with Demo' }),
      { account: 'ada', landing: 'Signed in with Demo' },
    );
    await popup.close();
    await page.bringToFront();
    await card.getByText('Ada Lovelace').first().waitFor();

    await addAccount(page, card, 'grace');
    const list = card.getByRole('list', { name: 'Demo accounts' });
    await list.waitFor();
    const ada = list.getByRole('group', { name: 'Ada Lovelace' });
    const grace = list.getByRole('group', { name: 'Grace Hopper' });
    // The newest is active; the other offers to switch.
    await grace.getByText('Active').waitFor();
    expect(await ada.getByRole('button', { name: 'Use this account' }).count()).toBe(1);
    expect(await grace.getByRole('button', { name: 'Use this account' }).count()).toBe(0);
    expect(await activeUser(web)).toBe('grace');

    await ada.getByRole('button', { name: 'Use this account' }).click();
    await ada.getByText('Active').waitFor();
    expect(await activeUser(web)).toBe('ada');

    // Signing in as Ada again updates her account: still two.
    await addAccount(page, card, 'ada');
    await ada.getByText('Active').waitFor();
    expect(await list.getByRole('group').count()).toBe(2);

    const alan = 'Alan Turing';
    await addAccount(page, card, 'alan');
    await list.getByRole('group', { name: alan }).getByText('Active').waitFor();
    await card.getByRole('button', { name: `Sign out ${alan}` }).click();
    await list.getByRole('group', { name: alan }).waitFor({ state: 'detached' });
    expect(await list.getByRole('group').count()).toBe(2);
    // The first remaining account became active.
    await ada.getByText('Active').waitFor();
    await page.close();
    expect(await web.stop()).toBe(0);

    const again = await startWebHost([], web.dataDir);
    const next = await browser.context.newPage();
    await next.goto(again.url);
    const restored = next.getByRole('region', { name: 'Demo' }).getByRole('list', { name: 'Demo accounts' });
    await restored.getByRole('group', { name: 'Ada Lovelace' }).getByText('Active').waitFor();
    await restored.getByRole('group', { name: 'Grace Hopper' }).waitFor();
    expect(await restored.getByRole('group').count()).toBe(2);
    expect(await activeUser(again)).toBe('ada');

    // Sign out one: the other stays, signed in.
    await next.getByRole('button', { name: 'Sign out Grace Hopper' }).click();
    const card2 = next.getByRole('region', { name: 'Demo' });
    await card2.getByRole('list', { name: 'Demo accounts' }).waitFor({ state: 'detached' });
    await card2.getByText('Ada Lovelace').first().waitFor();
    expect(await card2.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await next.close();
    expect(await again.stop()).toBe(0);
  });
});
