import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();

async function showcase(page: Page): Promise<Locator> {
  await page.goto(app.web.url);
  await page.getByRole('tab', { name: 'Window' }).click();
  return page.getByRole('region', { name: 'Components' });
}

/** The smallest rectangle holding every drawn pixel at least half opaque: where the picture landed. */
async function paintedRect(image: Locator) {
  return image.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let [x0, y0, x1, y1] = [c.width, c.height, 0, 0];
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        if (data[(y * c.width + x) * 4 + 3]! >= 128) {
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
        }
      }
    }
    return x1 === 0 ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  });
}

async function opaquePixels(image: Locator) {
  return image.locator('canvas').evaluate(
    (c: HTMLCanvasElement) =>
      c
        .getContext('2d')!
        .getImageData(0, 0, c.width, c.height)
        .data.filter((_, i) => i % 4 === 3 && _ > 0).length,
  );
}

describe('image options in the showcase', () => {
  it('gapless playback on: the previous picture stays until the next has loaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const page = await app.browser.context.newPage();
    await page.route('**/showcase/star.svg', async (route) => {
      await gate;
      await route.continue();
    });
    const card = await showcase(page);
    await card
      .getByRole('img', { name: 'A key', exact: true })
      .and(page.locator('[data-state="shown"]'))
      .waitFor();
    await card.getByRole('checkbox', { name: 'Gapless playback' }).check();
    await card.getByRole('button', { name: 'Next picture' }).click();
    const star = card.getByRole('img', { name: 'A star' });
    await star.and(page.locator('[data-state="loading"]')).waitFor();
    // Held back by the test: the key is still drawn, no gap.
    expect(await star.getAttribute('data-src')).toBe('./showcase/key.svg');
    expect(await opaquePixels(star)).toBeGreaterThan(500);
    release();
    await star.and(page.locator('[data-state="shown"][data-src="./showcase/star.svg"]')).waitFor();
    await page.close();
  });

  it('gapless playback off (Flet’s default): the box is empty until the next picture has loaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const page = await app.browser.context.newPage();
    await page.route('**/showcase/star.svg', async (route) => {
      await gate;
      await route.continue();
    });
    const card = await showcase(page);
    expect(await card.getByRole('checkbox', { name: 'Gapless playback' }).isChecked()).toBe(false);
    const key = card.getByRole('img', { name: 'A key', exact: true });
    await key.and(page.locator('[data-state="shown"]')).waitFor();
    expect(await opaquePixels(key)).toBeGreaterThan(500);
    await card.getByRole('button', { name: 'Next picture' }).click();
    const star = card.getByRole('img', { name: 'A star' });
    await star.and(page.locator('[data-state="loading"]')).waitFor();
    expect(await star.getAttribute('data-src')).toBe('');
    expect(await opaquePixels(star)).toBe(0);
    release();
    await star.and(page.locator('[data-state="shown"]')).waitFor();
    expect(await opaquePixels(star)).toBeGreaterThan(500);
    await page.close();
  });

  it('places a base64 picture by each BoxFit and ImageRepeat as Flutter does', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    await card.getByRole('combobox', { name: 'Image source' }).selectOption('base64');
    // The sample is a 48×32 picture; the box is 160×96. dstOver puts the tint behind the picture over its
    // whole rectangle, so the painted area is exactly where the picture was placed.
    await card.getByRole('combobox', { name: 'Blend mode' }).selectOption('dstOver');
    const image = card.getByRole('img', { name: 'A picture from base64' });
    // From Flutter's BoxFit definitions: 48×32 is narrower (1.5) than the box (1.67), so contain and
    // fitHeight scale to the height (144×96, centred), fill, cover and fitWidth fill the box, none and
    // scaleDown (no upscaling) leave it 48×32 in the middle.
    const expected = {
      fill: { x: 0, y: 0, width: 160, height: 96 },
      contain: { x: 8, y: 0, width: 144, height: 96 },
      cover: { x: 0, y: 0, width: 160, height: 96 },
      fitWidth: { x: 0, y: 0, width: 160, height: 96 },
      fitHeight: { x: 8, y: 0, width: 144, height: 96 },
      none: { x: 56, y: 32, width: 48, height: 32 },
      scaleDown: { x: 56, y: 32, width: 48, height: 32 },
    };
    for (const [fit, rect] of Object.entries(expected)) {
      await card.getByRole('combobox', { name: 'Fit' }).selectOption(fit);
      await image.and(page.locator(`[data-fit="${fit}"][data-state="shown"]`)).waitFor();
      expect({ fit, rect: await paintedRect(image) }).toEqual({ fit, rect });
    }
    // Repeat, around the 48×32 picture in the middle: along x, along y, or both, clipped by the box.
    await card.getByRole('combobox', { name: 'Fit' }).selectOption('none');
    const repeats = {
      noRepeat: { x: 56, y: 32, width: 48, height: 32 },
      repeatX: { x: 0, y: 32, width: 160, height: 32 },
      repeatY: { x: 56, y: 0, width: 48, height: 96 },
      repeat: { x: 0, y: 0, width: 160, height: 96 },
    };
    for (const [repeat, rect] of Object.entries(repeats)) {
      await card.getByRole('combobox', { name: 'Repeat' }).selectOption(repeat);
      await image.and(page.locator(`[data-repeat="${repeat}"][data-state="shown"]`)).waitFor();
      expect({ repeat, rect: await paintedRect(image) }).toEqual({ repeat, rect });
    }
    await page.close();
  });

  it('says plainly when the base64 is not a picture, and shows the next good one', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    await card.getByRole('combobox', { name: 'Image source' }).selectOption('base64');
    const field = card.getByRole('textbox', { name: 'Base64 image' });
    await field.fill('not base64 at all!');
    await card.getByRole('alert').filter({ hasText: 'This is not base64' }).waitFor();
    await field.fill(btoa('hello, this is text'));
    await card.getByRole('alert').filter({ hasText: 'not a picture this app can show' }).waitFor();
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 8;
      c.height = 8;
      c.getContext('2d')!.fillRect(0, 0, 8, 8);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await field.fill(png);
    await card
      .getByRole('img', { name: 'A picture from base64' })
      .and(page.locator(`[data-state="shown"][data-src^="data:image/png;base64,"]`))
      .waitFor();
    // The alert is gone (an empty alert is hidden, so it is not in the accessibility tree).
    expect(await card.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('rounds the picture’s corners by Border radius', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    const image = card.getByRole('img', { name: 'A key', exact: true });
    expect(await image.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('0px');
    await card.getByRole('spinbutton', { name: 'Border radius' }).fill('24');
    await expect.poll(() => image.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('24px');
    expect(await image.evaluate((el) => getComputedStyle(el).overflow)).toBe('hidden');
    await page.close();
  });

  it('clips the container by each of Flet’s four clip behaviours', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    const box = card.getByRole('group', { name: 'Clipped container' });
    const style = () =>
      box.evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.overflow, s.clipPath, s.isolation];
      });
    const select = card.getByRole('combobox', { name: 'Clip behaviour' });
    // The area may arrive as a chunk of its own: wait for the control before reading its options.
    await select.waitFor();
    expect(await select.locator('option').allTextContents()).toEqual([
      'None',
      'Hard edge',
      'Anti-alias',
      'Anti-alias with save layer',
    ]);
    expect(await style()).toEqual(['hidden', 'inset(0px round 16px)', 'auto']);
    await select.selectOption('antiAliasWithSaveLayer');
    // The save layer: an isolated group, so the content's blending stays inside the clip.
    expect(await style()).toEqual(['hidden', 'inset(0px round 16px)', 'isolate']);
    await select.selectOption('hardEdge');
    expect(await style()).toEqual(['hidden', 'inset(0px)', 'auto']);
    await select.selectOption('none');
    expect(await style()).toEqual(['visible', 'none', 'auto']);
    await page.close();
  });
});
