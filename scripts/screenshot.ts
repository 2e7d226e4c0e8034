/** Takes the README screenshot of web mode in Debian's Chromium: `node scripts/screenshot.ts`. */
import { launchChromium } from '../test/e2e/helpers/browser.ts';
import { startWebHost } from '../test/e2e/helpers/web-host.ts';

const area = process.argv[2] ?? 'Storage';
const out = process.argv[3] ?? 'assets/screenshot-web.png';
const web = await startWebHost();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(web.url);
  await page.getByRole('tab', { name: area }).click();
  if (area === 'Storage') {
    const panel = page.getByRole('region', { name: 'Session storage' });
    for (const [k, v] of [
      ['user', 'ada'],
      ['draft', 'Dear diary'],
    ]) {
      await panel.getByRole('textbox', { name: 'Key' }).fill(k!);
      await panel.getByRole('textbox', { name: 'Value' }).fill(v!);
      await panel.getByRole('button', { name: 'Set' }).click();
      await panel.getByRole('row', { name: new RegExp(k!) }).waitFor();
    }
  }
  await page.screenshot({ path: out });
  console.log(`written ${out}`);
} finally {
  await browser.close();
  await web.stop();
}
