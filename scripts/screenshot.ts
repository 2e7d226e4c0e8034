/**
 * Takes the README screenshots of web mode in Debian's Chromium: `node scripts/screenshot.ts`.
 * assets/screenshot-web.png: signed in with the demo provider; assets/screenshot-storage.png: the Storage area.
 */
import { launchChromium } from '../test/e2e/helpers/browser.ts';
import { signInThroughPopup } from '../test/e2e/helpers/provider-popup.ts';
import { startWebHost } from '../test/e2e/helpers/web-host.ts';

const web = await startWebHost();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(web.url);
  const card = page.getByRole('region', { name: 'Demo' });
  const popup = await signInThroughPopup(
    browser.context,
    card.getByRole('button', { name: 'Sign in with Demo' }),
    {
      landing: 'Signed in with Demo',
    },
  );
  await popup.close();
  await page.bringToFront();
  await card.getByText('Ada Lovelace').waitFor();
  await page.screenshot({ path: 'assets/screenshot-web.png' });

  await page.getByRole('tab', { name: 'Storage' }).click();
  const storage = page.getByRole('region', { name: 'Client storage' });
  for (const [k, v] of [
    ['app.theme', 'dark'],
    ['user.name', 'Ada'],
  ] as const) {
    await storage.getByRole('textbox', { name: 'Client storage key' }).fill(k);
    await storage.getByRole('textbox', { name: 'Client storage value', exact: true }).fill(v);
    await storage.getByRole('button', { name: 'Save to client storage' }).click();
    await storage.getByRole('row', { name: new RegExp(`^${k.replace('.', '\\.')}`) }).waitFor();
  }
  await page.screenshot({ path: 'assets/screenshot-storage.png' });
  console.log('written assets/screenshot-web.png, assets/screenshot-storage.png');
} finally {
  await browser.close();
  await web.stop();
}
