/**
 * Takes the README screenshots of web mode in Chromium (`npm run screenshots`, after a build), at the
 * desktop size (1280×800) and a floating-window size (420×640), in both themes:
 *   assets/screenshot-web.png            1280×800, light, signed in with the demo provider
 *   assets/screenshot-dark.png           1280×800, dark, the Storage area with entries
 *   assets/screenshot-floating.png       420×640, light, the Sign-in area under the tab bar
 *   assets/screenshot-floating-dark.png  420×640, dark, the Storage area
 * (assets/screenshot-storage.png, the light Storage area, is kept for older links.)
 * The data folder is a fixed, neutral one (/tmp/Latchkey/web), so no random temporary path shows in them; it
 * must not exist before and is removed after.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/e2e/helpers/browser.ts';
import { signInWithDemo } from '../test/e2e/helpers/provider-popup.ts';
import { startWebHost } from '../test/e2e/helpers/web-host.ts';

const base = path.join(os.tmpdir(), 'Latchkey');
if (existsSync(base)) {
  console.error(
    `screenshots: ${base} exists; remove it first (the screenshots use it as a neutral data folder)`,
  );
  process.exit(1);
}
mkdirSync(base, { mode: 0o700 });
const web = await startWebHost([], path.join(base, 'web'));
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(web.url);
  await signInWithDemo(browser.context, page);
  await page.screenshot({ path: 'assets/screenshot-web.png' });

  await page.getByRole('tab', { name: 'Storage' }).click();
  const storage = page.getByRole('region', { name: 'Client storage' });
  for (const [k, v] of [
    ['app.theme', 'dark'],
    ['user.name', 'Ada'],
    ['preferences.window.floating.position', '{"left":1480,"top":40}'],
  ] as const) {
    await storage.getByRole('textbox', { name: 'Client storage key' }).fill(k);
    await storage.getByRole('textbox', { name: 'Client storage value', exact: true }).fill(v);
    await storage.getByRole('button', { name: 'Save to client storage' }).click();
    await storage.getByRole('rowheader', { name: k }).waitFor();
  }
  const session = page.getByRole('region', { name: 'Session storage' });
  await session.getByRole('textbox', { name: 'Session key' }).fill('draft');
  await session.getByRole('textbox', { name: 'Session value', exact: true }).fill('kept for this page');
  await session.getByRole('button', { name: 'Set session value' }).click();
  await session.getByRole('rowheader', { name: 'draft' }).waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'assets/screenshot-storage.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'assets/screenshot-dark.png' });

  const small = await browser.context.newPage();
  await small.setViewportSize({ width: 420, height: 640 });
  await small.emulateMedia({ colorScheme: 'light' });
  await small.goto(web.url);
  await small.getByRole('tab', { name: 'Sign-in' }).click();
  await small.getByRole('region', { name: 'Demo' }).getByText('Ada Lovelace').waitFor();
  await small.screenshot({ path: 'assets/screenshot-floating.png' });
  await small.emulateMedia({ colorScheme: 'dark' });
  await small.getByRole('tab', { name: 'Storage' }).click();
  await small
    .getByRole('region', { name: 'Client storage' })
    .getByRole('rowheader', { name: 'app.theme' })
    .waitFor();
  await small.screenshot({ path: 'assets/screenshot-floating-dark.png' });
  console.log(
    'written assets/screenshot-web.png, assets/screenshot-storage.png, assets/screenshot-dark.png, assets/screenshot-floating.png, assets/screenshot-floating-dark.png',
  );
} finally {
  await browser.close();
  await web.stop();
  rmSync(base, { recursive: true, force: true });
}
