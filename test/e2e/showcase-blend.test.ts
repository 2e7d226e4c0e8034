import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';
import { FLUTTER_BLEND_MODES, flutterBlend, type Colour } from './helpers/flutter-blend.ts';

const app = appInBrowser();

// A tint whose components stay away from 0 and 1, at 60 % opacity, so every term of every formula counts
// (an opaque tint would hide the Porter-Duff modes' use of the source alpha).
const TINT_HEX = '#b45a28';
const TINT: Colour = { r: 0xb4 / 255, g: 0x5a / 255, b: 0x28 / 255, a: 0.6 };
const WIDTH = 160;
const HEIGHT = 96;
// Canvas pixels are 8-bit and premultiplied: a few steps of rounding on the way (2.4 at worst seen), no more.
const TOLERANCE = 3;

async function showcaseWithSunset(): Promise<Page> {
  const page = await app.browser.context.newPage();
  await page.goto(app.web.url);
  await page.getByRole('tab', { name: 'Window' }).click();
  const showcase = page.getByRole('region', { name: 'Components' });
  await showcase.getByRole('button', { name: 'Next picture' }).waitFor();
  for (let i = 0; i < 4 && !(await showcase.getByRole('img', { name: 'A sunset' }).count()); i++) {
    await showcase.getByRole('button', { name: 'Next picture' }).click();
  }
  // fill: the picture covers the whole box at its own size (160×96), so each box pixel is one image pixel.
  await showcase.getByRole('combobox', { name: 'Fit' }).selectOption('fill');
  await showcase.getByLabel('Tint', { exact: true }).fill(TINT_HEX);
  await showcase.getByRole('slider', { name: 'Tint opacity' }).fill('60');
  return page;
}

/** The picture's own pixels, drawn by the test itself into a canvas of the same size: the destination. */
async function destinationPixels(page: Page): Promise<number[]> {
  return page.evaluate(
    async ({ width, height }) => {
      const img = new Image();
      img.src = './showcase/sunset.svg';
      await img.decode();
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0, width, height);
      return Array.from(ctx.getImageData(0, 0, width, height).data);
    },
    { width: WIDTH, height: HEIGHT },
  );
}

describe('the image tint in every Flutter blend mode', () => {
  it('offers all 29 of dart:ui’s BlendMode values, srcIn first chosen as Flutter’s default', async () => {
    const page = await app.browser.context.newPage();
    await page.goto(app.web.url);
    await page.getByRole('tab', { name: 'Window' }).click();
    const select = page
      .getByRole('region', { name: 'Components' })
      .getByRole('combobox', { name: 'Blend mode' });
    // The area may arrive as a chunk of its own: wait for the control before reading its options.
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual([...FLUTTER_BLEND_MODES]);
    expect(await select.inputValue()).toBe('srcIn');
    await page.close();
  });

  it('draws what Flutter’s formulas give for the colour over each image pixel, within 3/255', async () => {
    const page = await showcaseWithSunset();
    const showcase = page.getByRole('region', { name: 'Components' });
    const dst = await destinationPixels(page);
    // The picture must exercise the formulas: opaque, half-transparent and empty pixels all present.
    const alphas = new Set(dst.filter((_, i) => i % 4 === 3));
    expect(alphas.has(255) && alphas.has(0) && [...alphas].some((a) => a > 20 && a < 235)).toBe(true);

    const failures: string[] = [];
    const distinct = new Set<string>();
    for (const mode of FLUTTER_BLEND_MODES) {
      await showcase.getByRole('combobox', { name: 'Blend mode' }).selectOption(mode);
      const image = showcase.locator(`[role="img"][data-blend="${mode}"][data-state="shown"]`);
      await image.waitFor();
      const drawn = await image
        .locator('canvas')
        .evaluate((c: HTMLCanvasElement) =>
          Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data),
        );
      expect(drawn.length).toBe(dst.length);
      let worst = 0;
      let worstAt = 0;
      for (let i = 0; i < dst.length; i += 4) {
        const d: Colour = {
          r: dst[i]! / 255,
          g: dst[i + 1]! / 255,
          b: dst[i + 2]! / 255,
          a: dst[i + 3]! / 255,
        };
        const want = flutterBlend(mode, TINT, d).map((v) => v * 255);
        // Compared premultiplied: an almost transparent pixel's colour carries almost no information.
        const a = drawn[i + 3]!;
        const got = [(drawn[i]! * a) / 255, (drawn[i + 1]! * a) / 255, (drawn[i + 2]! * a) / 255, a];
        for (let k = 0; k < 4; k++) {
          const err = Math.abs(got[k]! - want[k]!);
          if (err > worst) [worst, worstAt] = [err, i / 4];
        }
      }
      distinct.add(drawn.join(','));
      if (worst > TOLERANCE) {
        failures.push(
          `${mode}: off by ${worst.toFixed(1)} at pixel (${worstAt % WIDTH}, ${Math.floor(worstAt / WIDTH)})`,
        );
      }
    }
    expect(failures).toEqual([]);
    // For this picture and colour every mode gives a picture of its own: none quietly falls back to another.
    expect(distinct.size).toBe(FLUTTER_BLEND_MODES.length);
    await page.close();
  });
});
