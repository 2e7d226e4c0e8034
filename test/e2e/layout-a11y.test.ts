/**
 * Every area at a desktop size and at a floating-window size, light and dark: no sideways page scroll, no
 * accessibility violations of any impact as axe-core (from npm, injected into the page) sees them, disabled
 * buttons that look disabled, and in a narrow window a tab bar that shows it scrolls and keeps the current
 * tab in view.
 * The Sign-in area is checked signed out and signed in; Storage with long keys and values; Encryption with a
 * result; Window as it is.
 */
import { AREAS as AREA_LIST } from '../../src/renderer/areas.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';
import { signInWithDemo } from './helpers/provider-popup.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const app = appInBrowser();

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    return run.run({ resultTypes: ['violations'] });
  });
  return result.violations as Violation[];
}

/** Sideways scroll of the page and of its main scroll area (long values may scroll only inside their own box). */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, document.querySelector('main')]
      .filter((el): el is HTMLElement => el !== null && el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

/**
 * Disabled buttons that look like live ones: a disabled button must not wear the accent fill of an enabled
 * primary button, its label must be the muted disabled colour, and its edge dashed.
 */
async function liveLookingDisabled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const probe = document.createElement('span');
    document.body.append(probe);
    const resolve = (v: string) => {
      probe.style.color = root.getPropertyValue(v);
      return getComputedStyle(probe).color;
    };
    const accent = resolve('--accent');
    const muted = resolve('--disabled-text');
    probe.remove();
    return [...document.querySelectorAll<HTMLButtonElement>('button:disabled, button[aria-disabled="true"]')]
      .filter((b) => b.getClientRects().length > 0)
      .flatMap((b) => {
        const style = getComputedStyle(b);
        const name = b.getAttribute('aria-label') ?? b.textContent;
        const wrong = [];
        if (style.backgroundColor === accent) wrong.push('accent background');
        if (style.color !== muted) wrong.push(`label colour ${style.color}, not ${muted}`);
        if (style.borderTopStyle !== 'dashed') wrong.push('solid edge');
        return wrong.length ? [`disabled "${name}" looks live: ${wrong.join(', ')}`] : [];
      });
  });
}

/** In a narrow window: a tab bar wider than the window says so (data-more, which the styles fade), and the
 * selected tab is wholly inside the bar's visible part. */
async function tabBarProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('[role="tablist"]')!;
    if (getComputedStyle(bar).flexDirection !== 'row') return [];
    const problems = [];
    if (bar.scrollWidth > bar.clientWidth + 1 && !bar.dataset.more)
      problems.push('the tab bar scrolls but does not show it');
    const selected = bar.querySelector('[aria-selected="true"]')!.getBoundingClientRect();
    const visible = bar.getBoundingClientRect();
    if (selected.left < visible.left - 1 || selected.right > visible.right + 1)
      problems.push(
        `the selected tab is cut (${Math.round(selected.left)}–${Math.round(selected.right)} of ${Math.round(visible.left)}–${Math.round(visible.right)})`,
      );
    return problems;
  });
}

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'floating', width: 420, height: 640 },
  { name: 'smallest', width: 360, height: 480 },
] as const;
const AREAS = AREA_LIST.map((a) => a.label);

async function fillStorage(page: Page) {
  await page.getByRole('tab', { name: 'Storage' }).click();
  const panel = page.getByRole('region', { name: 'Client storage' });
  const long = 'preferences.appearance.theme.' + 'very-long-segment.'.repeat(8);
  await panel.getByRole('textbox', { name: 'Client storage key' }).fill(long);
  await panel
    .getByRole('textbox', { name: 'Client storage value', exact: true })
    .fill(JSON.stringify({ picture: 'data:image/png;base64,' + 'A'.repeat(600) }));
  await panel.getByRole('combobox', { name: 'Client storage value type' }).selectOption('json');
  await panel.getByRole('button', { name: 'Save to client storage' }).click();
  await panel.getByRole('rowheader', { name: long }).waitFor();
}

describe('layout and accessibility of every area', () => {
  it('prepares: signed in with Demo, a long storage entry, an encryption result', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    await signInWithDemo(app.browser.context, page);
    await fillStorage(page);
    await page.getByRole('tab', { name: 'Encryption' }).click();
    const crypto = page.getByRole('region', { name: 'Passphrase encryption' });
    await crypto.getByLabel('Passphrase').fill('p');
    await crypto.getByRole('textbox', { name: 'Input' }).fill('x'.repeat(300));
    await crypto.getByRole('button', { name: 'Encrypt' }).click();
    await crypto
      .getByRole('status')
      .filter({ hasText: /Encrypted in/ })
      .waitFor();
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const size of SIZES) {
      it(`${size.name} ${size.width}×${size.height}, ${scheme}: no sideways scroll, no axe violations, disabled looks disabled, tab bar in view`, async () => {
        const page = await app.browser.context.newPage();
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(app.web.url);
        const problems: string[] = [];
        for (const area of AREAS) {
          await page.getByRole('tab', { name: area }).click();
          await page.getByRole('tabpanel', { name: area }).waitFor();
          // Let the area's data arrive (its busy markers go away).
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
          if (area === 'Sign-in') {
            // The provider's API answer (a long data-URL picture) must wrap inside its own box.
            const card = page.getByRole('region', { name: 'Demo' });
            await card.getByRole('button', { name: 'Call userinfo' }).click();
            await card.getByRole('region', { name: 'Demo API response' }).waitFor();
          }
          for (const p of await sidewaysScroll(page)) problems.push(`${area}: ${p}`);
          for (const p of await liveLookingDisabled(page)) problems.push(`${area}: ${p}`);
          for (const p of await tabBarProblems(page)) problems.push(`${area}: ${p}`);
          for (const v of await axe(page)) {
            problems.push(
              `${area}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          }
        }
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  }
});
