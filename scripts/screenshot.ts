/**
 * Takes the README screenshots of web mode in Chromium (`npm run screenshots`, after a build):
 *   assets/screenshot-web.png       desktop size, light, signed in with the demo provider
 *   assets/screenshot-dark.png      desktop size, dark, the Storage area with entries
 *   assets/screenshot-floating.png  a floating-window size (420×640), the Sign-in area as a tab bar
 * (assets/screenshot-storage.png, the light Storage area, is kept for older links.)
 */
import { launchChromium } from '../test/e2e/helpers/browser.ts';
import { signInWithDemo } from '../test/e2e/helpers/provider-popup.ts';
import { startWebHost } from '../test/e2e/helpers/web-host.ts';

const web = await startWebHost();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
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
  console.log(
    'written assets/screenshot-web.png, assets/screenshot-storage.png, assets/screenshot-dark.png, assets/screenshot-floating.png',
  );
} finally {
  await browser.close();
  await web.stop();
}
