import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_CLIENT, startTestIdp, type TestIdp } from '../helpers/idp.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { signInThroughPopup } from './helpers/provider-popup.ts';
import { startWebHost, type RunningWebHost, type WebHostOptions } from './helpers/web-host.ts';

let idp: TestIdp;
let browser: LaunchedBrowser;
let providers: string;
const hosts: RunningWebHost[] = [];

beforeAll(async () => {
  idp = await startTestIdp({ callbackIds: ['corp'] });
  providers = path.join(tempDir(), 'providers.json');
  await writeFile(
    providers,
    JSON.stringify({
      providers: [
        {
          type: 'oidc',
          id: 'corp',
          name: 'Corp SSO',
          issuer: idp.issuer,
          clientId: NATIVE_CLIENT,
          allowInsecureHttp: true,
        },
      ],
    }),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await idp?.close();
});

async function host(dataDir?: string, options: WebHostOptions = {}) {
  const h = await startWebHost(['--providers', providers], dataDir, options);
  hosts.push(h);
  return h;
}

async function openApp(url: string): Promise<{ page: Page; card: ReturnType<Page['getByRole']> }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return { page, card: page.getByRole('region', { name: 'Corp SSO' }) };
}

describe('remember me across a restart of the host', () => {
  it('shows the user signed in after a restart, and refreshes an expired token against the provider', async () => {
    const first = await host();
    const { page, card } = await openApp(first.url);
    expect(await card.getByRole('checkbox', { name: 'Remember me' }).isChecked()).toBe(true);
    const popup = await signInThroughPopup(
      browser.context,
      card.getByRole('button', { name: 'Sign in with Corp SSO' }),
      {
        account: 'ada',
        landing: 'Signed in with Corp SSO',
      },
    );
    await popup.close();
    await page.bringToFront();
    await card.getByText('Remembered on this computer.').waitFor();
    const fingerprint = await card.getByText(/^sha256:/).textContent();
    // The one API that hands a token out, called as the page would.
    const accessToken = await page.evaluate(async () => {
      const secret = document.querySelector<HTMLMetaElement>('meta[name="latchkey-web"]')!.content;
      const res = await fetch('/api/call/auth.getAccessToken', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-latchkey-secret': secret,
          'x-latchkey-client': 'e2e-probe-1',
        },
        body: JSON.stringify({ args: ['corp'] }),
      });
      return ((await res.json()) as { value: { accessToken: string } }).value.accessToken;
    });
    expect(accessToken.length).toBeGreaterThan(20);
    await page.close();

    // The vault on disk holds only ciphertext: no token, no profile, byte for byte.
    const vault = await readFile(path.join(first.dataDir, 'vault.json'));
    expect(vault.includes(Buffer.from(accessToken))).toBe(false);
    expect(vault.includes(Buffer.from('Ada Lovelace'))).toBe(false);
    expect(vault.includes(Buffer.from('ada@demo.latchkey.invalid'))).toBe(false);
    expect(await first.stop()).toBe(0);

    // Second launch, same data directory: signed in with no interaction, from the cache.
    const second = await host(first.dataDir);
    const again = await openApp(second.url);
    await again.card.getByText('Ada Lovelace').waitFor();
    expect(await again.card.textContent()).toContain('Restored from your last session.');
    expect(await again.card.getByText(/^sha256:/).textContent()).toBe(fingerprint);
    await again.page.close();
    expect(await second.stop()).toBe(0);

    // Third launch an hour "later": the access token has expired, so it is refreshed at the provider.
    const refreshesBefore = idp.grants.refresh_token ?? 0;
    const third = await host(first.dataDir, { clockAheadMs: 3600_000 });
    const later = await openApp(third.url);
    await later.card.getByText('Ada Lovelace').waitFor();
    await later.card
      .getByText(/^sha256:/)
      .and(later.page.locator(`:not(:text-is("${fingerprint}"))`))
      .waitFor();
    expect((idp.grants.refresh_token ?? 0) - refreshesBefore).toBeGreaterThanOrEqual(1);

    // Forget all: the next launch is signed out.
    await later.page.getByRole('button', { name: 'Forget all remembered sign-ins' }).click();
    await later.page.getByRole('button', { name: 'Forget', exact: true }).click();
    await later.page.getByText('Nothing is remembered.').waitFor();
    await later.page.close();
    expect(await third.stop()).toBe(0);
    const fourth = await host(first.dataDir);
    const last = await openApp(fourth.url);
    await last.card.getByRole('button', { name: 'Sign in with Corp SSO' }).waitFor();
    await last.page.close();
  });

  it('tells the user when the remembered sign-ins file was damaged', async () => {
    const dir = tempDir();
    await writeFile(path.join(dir, 'vault.json'), '{"format":"latchkey-vault", truncat');
    const h = await host(dir);
    const { page } = await openApp(h.url);
    const vault = page.getByRole('region', { name: 'Remembered sign-ins' });
    const note = vault.getByRole('status').filter({ hasText: 'damaged' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/kept as .*vault\.unreadable-.*\.json/);
    await page
      .getByRole('region', { name: 'Corp SSO' })
      .getByRole('button', { name: 'Sign in with Corp SSO' })
      .waitFor();
    await page.close();
  });
});
