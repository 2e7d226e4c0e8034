/**
 * The Components showcase with every control showing (the base64 field and its alert, the events list),
 * at the widest and narrowest layouts, light and dark: no axe-core violation of any impact, no sideways
 * scroll. layout-a11y.test.ts checks each area as it first appears; this checks the states it does not reach.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document.querySelector('[aria-labelledby="showcase-heading"]'), {
      resultTypes: ['violations'],
    })) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  });
  return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the showcase’s accessibility in every state', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 360, height: 480 },
    ]) {
      it(`${size.width}×${size.height}, ${scheme}`, async () => {
        const page = await app.browser.context.newPage();
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(app.web.url);
        await page.getByRole('tab', { name: 'Window' }).click();
        const card = page.getByRole('region', { name: 'Components' });
        await card.getByRole('combobox', { name: 'Image source' }).selectOption('base64');
        await card.getByRole('textbox', { name: 'Base64 image' }).fill('%%%');
        await card.getByRole('alert').filter({ hasText: 'This is not base64' }).waitFor();
        await card.getByRole('button', { name: 'Animate scale' }).click();
        await card.getByRole('listitem').filter({ hasText: 'scale' }).waitFor();
        await card.getByRole('combobox', { name: 'Clip behaviour' }).selectOption('none');
        expect(await violations(page)).toEqual([]);
        const sideways = await page.evaluate(() =>
          [document.documentElement, document.querySelector('main')].some(
            (el) => el !== null && el.scrollWidth > el.clientWidth,
          ),
        );
        expect(sideways).toBe(false);
        await page.close();
      });
    }
  }
});
