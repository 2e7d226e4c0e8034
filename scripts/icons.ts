/**
 * Renders assets/icon.svg to the PNG sizes the installers need (assets/icons/NxN.png, assets/icon.png),
 * with Debian's Chromium: `node scripts/icons.ts`. The PNGs are committed; run this after editing the SVG.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { launchChromium } from '../test/e2e/helpers/browser.ts';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
await mkdir(new URL('../assets/icons/', import.meta.url), { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true });
    await writeFile(new URL(`../assets/icons/${size}x${size}.png`, import.meta.url), png);
    if (size === 1024) await writeFile(new URL('../assets/icon.png', import.meta.url), png);
  }
  console.log(`written assets/icons/{${SIZES.join(',')}}.png and assets/icon.png`);
} finally {
  await browser.close();
}
