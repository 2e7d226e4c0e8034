import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

let browser: LaunchedBrowser;
const hosts: RunningWebHost[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
});

async function start(dataDir?: string) {
  const h = await startWebHost([], dataDir);
  hosts.push(h);
  return h;
}

async function openStorage(url: string): Promise<{ page: Page; panel: ReturnType<Page['getByRole']> }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.getByRole('tab', { name: 'Storage' }).click();
  return { page, panel: page.getByRole('region', { name: 'Client storage' }) };
}

async function save(panel: ReturnType<Page['getByRole']>, key: string, value: string, json = false) {
  await panel.getByRole('textbox', { name: 'Client storage key' }).fill(key);
  await panel.getByRole('textbox', { name: 'Client storage value', exact: true }).fill(value);
  await panel
    .getByRole('combobox', { name: 'Client storage value type' })
    .selectOption(json ? 'json' : 'text');
  await panel.getByRole('button', { name: 'Save to client storage' }).click();
  await panel.getByRole('row', { name: new RegExp(`^${key}\\b`) }).waitFor();
}

describe('client storage in web mode', () => {
  it('adds, filters, edits, removes; survives a host restart; follows changes from another window', async () => {
    const web = await start();
    const { page, panel } = await openStorage(web.url);
    await save(panel, 'app.theme', 'dark');
    await save(panel, 'app.size', '14', true);
    await save(panel, 'user', '{"name":"Ada"}', true);

    // Prefix filter.
    await panel.getByRole('searchbox', { name: 'Filter by prefix' }).fill('app.');
    await panel.getByRole('row', { name: /^user/ }).waitFor({ state: 'detached' });
    const table = panel.getByRole('table', { name: 'Client storage entries' });
    expect(await table.getByRole('row').count()).toBe(3); // header + 2
    await panel.getByRole('searchbox', { name: 'Filter by prefix' }).fill('');

    // Edit and remove.
    await panel.getByRole('button', { name: 'Edit client storage entry app.theme' }).click();
    await panel.getByRole('textbox', { name: 'Client storage value', exact: true }).fill('light');
    await panel.getByRole('button', { name: 'Save to client storage' }).click();
    await panel.getByText('"light"').waitFor();
    await panel.getByRole('button', { name: 'Remove client storage entry app.size' }).click();
    await panel.getByRole('row', { name: /^app\.size/ }).waitFor({ state: 'detached' });

    // A second window sees changes made in the first without reloading.
    const second = await openStorage(web.url);
    await second.panel.getByRole('row', { name: /^user/ }).waitFor();
    // Headless Chromium pauses rendering in a background tab, so each window is brought forward as a user would.
    await page.bringToFront();
    await save(panel, 'shared', 'from window one');
    await second.page.bringToFront();
    await second.panel.getByRole('row', { name: /^shared/ }).waitFor();
    await second.page.close();
    await page.close();

    // Restart the host on the same data directory: everything is still there.
    expect(await web.stop()).toBe(0);
    const again = await start(web.dataDir);
    const reopened = await openStorage(again.url);
    await reopened.panel.getByRole('row', { name: /^shared/ }).waitFor();
    const text = await reopened.panel.getByRole('table', { name: 'Client storage entries' }).textContent();
    expect(text).toContain('"light"');
    expect(text).toContain('{"name":"Ada"}');
    expect(text).not.toContain('app.size');

    // Clearing asks first, naming how many keys go; Keep leaves them, Clear removes them.
    await reopened.panel.getByRole('button', { name: 'Clear client storage' }).click();
    const question = reopened.panel.getByRole('group', { name: /^Clear all \d+ keys\?$/ });
    await question.getByRole('button', { name: 'Keep' }).click();
    await reopened.panel.getByRole('row', { name: /^shared/ }).waitFor();
    await reopened.panel.getByRole('button', { name: 'Clear client storage' }).click();
    await question.getByRole('button', { name: 'Clear', exact: true }).click();
    await reopened.panel.getByText('No entries.').waitFor();
    await reopened.page.close();
  });

  it('says so when the stored file was corrupt, and starts empty', async () => {
    const { tempDir } = await import('../helpers/temp-dir.ts');
    const dir = tempDir();
    await writeFile(path.join(dir, 'client-storage.json'), '{"half": ');
    const web = await start(dir);
    const { page, panel } = await openStorage(web.url);
    const notice = panel.getByRole('status').filter({ hasText: 'could not be read' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/moved aside to .*client-storage\.corrupt-.*\.json/);
    // "Loading…" until the (empty) list arrives, then "No entries." once.
    await panel.getByText('No entries.').waitFor();
    expect(await panel.getByText('No entries.').count()).toBe(1);
    await page.close();
  });
});
