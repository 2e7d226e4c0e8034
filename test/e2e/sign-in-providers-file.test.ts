import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_CLIENT, startTestIdp, type TestIdp } from '../helpers/idp.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { signInThroughPopup } from './helpers/provider-popup.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let idp: TestIdp;
let web: RunningWebHost;
let browser: LaunchedBrowser;

beforeAll(async () => {
  // An OpenID provider that is not the built-in demo, known to the app only through a providers file.
  idp = await startTestIdp({ callbackIds: ['corp'] });
  const file = path.join(tempDir(), 'providers.json');
  await writeFile(
    file,
    JSON.stringify({
      providers: [
        {
          type: 'oidc',
          id: 'corp',
          name: 'Corp SSO',
          issuer: idp.issuer,
          clientId: NATIVE_CLIENT,
          allowInsecureHttp: true,
          fetchGroups: true,
        },
        { type: 'oidc', id: 'broken', clientId: 'x', issuer: 'ftp://nowhere' },
      ],
    }),
  );
  web = await startWebHost(['--providers', file]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await idp?.close();
});

describe('a provider configured by issuer in a providers file', () => {
  it('signs in through web mode, shows user and groups, refreshes, signs out; bad entries are reported', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    // The bad entry is named with its field; the good one still works, and no demo is added.
    const problems = page.getByRole('region', { name: 'Problems in the providers configuration' });
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/providers\[1\] \(id "broken"\).*issuer/);
    expect(await page.getByRole('button', { name: 'Sign in with Demo' }).count()).toBe(0);

    const card = page.getByRole('region', { name: 'Corp SSO' });
    const popup = await signInThroughPopup(
      browser.context,
      card.getByRole('button', { name: 'Sign in with Corp SSO' }),
      {
        account: 'grace',
        landing: 'Signed in with Corp SSO',
      },
    );
    await popup.close();

    await page.bringToFront();
    await card.getByText('Grace Hopper').waitFor();
    expect(await card.textContent()).toContain('engineering');
    const before = idp.grants.refresh_token ?? 0;
    const fingerprint = await card.getByText(/^sha256:/).textContent();
    await card.getByRole('button', { name: 'Refresh now' }).click();
    await card
      .getByText(/^sha256:/)
      .and(page.locator(`:not(:text-is("${fingerprint}"))`))
      .waitFor();
    expect((idp.grants.refresh_token ?? 0) - before).toBe(1);
    await card.getByRole('button', { name: 'Sign out' }).click();
    await card.getByRole('button', { name: 'Sign in with Corp SSO' }).waitFor();
    await page.close();
  });
});
