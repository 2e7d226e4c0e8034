/**
 * Groups as a person sees them, in real Chromium through web mode: a GitHub team by its name (as Flet's
 * Group.name has it), and a Microsoft sign-in whose Graph answers 403 signed in with the groups said to need
 * the tenant administrator's consent. GitHub- and Microsoft-shaped servers approve at once (no login page).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFixture, type GitHubFixture } from '../helpers/github-fixture.ts';
import { CLIENT_ID, startMicrosoftFixture, type MicrosoftFixture } from '../helpers/microsoft-fixture.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let gh: GitHubFixture;
let ms: MicrosoftFixture;
let web: RunningWebHost;
let browser: LaunchedBrowser;

beforeAll(async () => {
  [gh, ms] = await Promise.all([startGitHubFixture(), startMicrosoftFixture()]);
  Object.assign(ms, { groups: 250, memberOfStatus: 403 });
  const file = path.join(tempDir(), 'providers.json');
  await writeFile(
    file,
    JSON.stringify({
      providers: [
        {
          type: 'github',
          clientId: 'Iv1.test',
          clientSecret: 's',
          host: gh.host,
          allowInsecureHttp: true,
          fetchGroups: true,
        },
        {
          type: 'azure',
          clientId: CLIENT_ID,
          authorityHost: ms.host,
          graphHost: ms.host,
          allowInsecureHttp: true,
          fetchGroups: true,
        },
      ],
    }),
  );
  web = await startWebHost(['--providers', file]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await Promise.all([gh?.close(), ms?.close()]);
});

async function signIn(name: string) {
  const page = await browser.context.newPage();
  await page.goto(web.url);
  const card = page.getByRole('region', { name });
  const popupPromise = browser.context.waitForEvent('page');
  await card.getByRole('button', { name: `Sign in with ${name}` }).click();
  const popup = await popupPromise;
  await popup.getByRole('heading', { name: `Signed in with ${name}` }).waitFor();
  await popup.close();
  await page.bringToFront();
  await card.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, groups: card.locator('dt:text-is("Groups") + dd') };
}

describe('groups in the signed-in card', () => {
  it('a GitHub team shows by its name, not org/slug', async () => {
    const { page, groups } = await signIn('GitHub');
    expect(await groups.textContent()).toBe('Core');
    await page.close();
  });

  it("a Microsoft sign-in whose Graph answers 403 is signed in, and says the tenant's administrator must consent", async () => {
    const { page, groups } = await signIn('Microsoft');
    expect(await groups.textContent()).toMatch(
      /^not available: Microsoft did not share the groups \(the tenant's administrator must first consent/,
    );
    await page.close();
  });
});
