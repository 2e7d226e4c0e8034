/**
 * Every failure in the Sign-in, Storage, Encryption and Window areas is said once: one alert with text in
 * the area, a first line in plain words, and the raw text under "Technical detail" where there is any. A
 * second failure replaces the first instead of stacking.
 */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let web: RunningWebHost;
let browser: LaunchedBrowser;
let page: Page;

/** A port on 127.0.0.1 that nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const file = path.join(tempDir(), 'providers.json');
  const issuer = `http://127.0.0.1:${await closedPort()}/realms/corp`;
  await writeFile(
    file,
    JSON.stringify({
      providers: [
        { type: 'oidc', id: 'corp', name: 'Corp', issuer, clientId: 'latchkey', allowInsecureHttp: true },
      ],
    }),
  );
  web = await startWebHost(['--providers', file]);
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(web.url);
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** The texts of the alerts that say something, in `where`; each as its first line and its detail. */
async function alerts(where: Locator): Promise<Array<{ first: string; detail: string | null }>> {
  return where.getByRole('alert').evaluateAll((nodes) =>
    nodes
      .filter((n) => (n.textContent ?? '').trim() !== '')
      .map((n) => ({
        first: (n.querySelector('p') ?? n).textContent ?? '',
        detail: n.querySelector('details code')?.textContent ?? null,
      })),
  );
}

/** Waits until `where` has an alert whose first line matches, then returns all its alerts. */
async function saidOnce(where: Locator, first: RegExp) {
  // The alert's text runs on into its detail: wait on the first line's start only.
  await where
    .getByRole('alert')
    .filter({ hasText: new RegExp(first.source.replace(/\$$/, '')) })
    .first()
    .waitFor();
  const said = await alerts(where);
  expect(said, JSON.stringify(said)).toHaveLength(1);
  expect(said[0]!.first).toMatch(first);
  return said[0]!;
}

describe('one message per failure', () => {
  it('Sign-in: an unreachable provider, once, with the code and raw text under Technical detail', async () => {
    const area = page.getByRole('tabpanel', { name: 'Sign-in' });
    const card = area.getByRole('region', { name: 'Corp' });
    await card.getByRole('button', { name: 'Sign in with Corp' }).click();
    const said = await saidOnce(area, /^Sign-in failed: /);
    expect(said.detail).toMatch(/^unavailable: /);
    await card.getByText('Technical detail').waitFor();
    // Again: the new failure replaces the old one.
    await card.getByRole('button', { name: 'Sign in with Corp' }).click();
    await card.getByRole('button', { name: 'Sign in with Corp' }).waitFor();
    await saidOnce(area, /^Sign-in failed: /);
  });

  it('Storage: a value over the limit, then a value that is not JSON, each once', async () => {
    await page.getByRole('tab', { name: 'Storage' }).click();
    const area = page.getByRole('tabpanel', { name: 'Storage' });
    const client = area.getByRole('region', { name: 'Client storage' });
    await client.getByRole('textbox', { name: 'Client storage key' }).fill('big');
    await client.getByRole('textbox', { name: 'Client storage value' }).fill('x'.repeat(1_100_000));
    await client.getByRole('button', { name: 'Save to client storage' }).click();
    const big = await saidOnce(area, /^This value is 1\.05 MB; the limit is 1 MB\.$/);
    expect(big.detail).toContain('over the limit of 1048576');

    const session = area.getByRole('region', { name: 'Session storage' });
    await session.getByRole('textbox', { name: 'Session key' }).fill('k');
    await session.getByRole('textbox', { name: 'Session value' }).fill('{not json');
    await session.getByRole('combobox', { name: 'Session value type' }).selectOption('json');
    await session.getByRole('button', { name: 'Set session value' }).click();
    await session.getByRole('alert').filter({ hasText: /JSON/ }).waitFor();
    // Each panel says its own failure once; the one above still stands for its own Save.
    expect(await alerts(session)).toHaveLength(1);
    expect(await alerts(client)).toHaveLength(1);
  });

  it('Encryption: text that is not Flet’s format, once', async () => {
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const area = page.getByRole('tabpanel', { name: 'Encryption' });
    await area.getByLabel('Passphrase', { exact: true }).fill('p');
    await area.getByRole('textbox', { name: 'Input' }).fill('not encrypted at all');
    await area.getByRole('button', { name: 'Decrypt' }).click();
    await saidOnce(area, /\S/);
    expect(
      await area
        .getByRole('status')
        .filter({ hasText: /Decrypt|Encrypt/ })
        .count(),
    ).toBe(0);
  });

  it('Window: a link without its scheme, then a clipboard the browser will not read, each replacing the last', async () => {
    await page.getByRole('tab', { name: 'Window' }).click();
    const area = page.getByRole('tabpanel', { name: 'Window' });
    const links = area.getByRole('region', { name: 'Links' });
    await links.getByRole('textbox', { name: 'Link' }).fill('example.com');
    await links.getByRole('button', { name: 'Open link' }).click();
    await saidOnce(area, /has no https:\/\/ at the start/);

    const clipboard = area.getByRole('region', { name: 'Clipboard' });
    await clipboard.getByRole('button', { name: 'Read clipboard' }).click();
    await clipboard
      .getByRole('alert')
      .filter({ hasText: /did not let this page read the clipboard/ })
      .waitFor();
    const said = await alerts(clipboard);
    expect(said).toHaveLength(1);
    expect(said[0]!.detail).not.toBeNull();
    expect(await clipboard.getByText('Copied to the clipboard').count()).toBe(0);
  });
});
