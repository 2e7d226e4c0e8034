import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInBrowser } from './helpers/app.ts';

const app = appInBrowser();

async function showcase(page: Page): Promise<Locator> {
  await page.goto(app.web.url);
  await page.getByRole('tab', { name: 'Window' }).click();
  return page.getByRole('region', { name: 'Components' });
}

const endEvents = (card: Locator) =>
  card.getByRole('list', { name: 'Animation end events' }).getByRole('listitem');

describe('implicit animations in the showcase', () => {
  it('each animated property ends once, under Flet’s name for it', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    const names = ['opacity', 'rotation', 'scale', 'offset', 'position', 'container'];
    for (const [i, name] of names.entries()) {
      await card.getByRole('button', { name: `Animate ${name}` }).click();
      await card
        .getByRole('status')
        .filter({ hasText: `Animations finished: ${i + 1}` })
        .waitFor();
      // The container moves four CSS properties (width, height, colour, corners): still one end.
      expect(await endEvents(card).allTextContents()).toEqual(names.slice(0, i + 1));
    }
    // The box really moved: it is where "Animate position" sent it.
    const box = card.getByRole('group', { name: 'Animated box' });
    expect(await box.evaluate((el) => [getComputedStyle(el).left, getComputedStyle(el).top])).toEqual([
      '48px',
      '24px',
    ]);
    await page.close();
  });

  it('an animation turned back before its end ends once, at its new target', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    const rotate = card.getByRole('button', { name: 'Animate rotation' });
    // Out to 45°, and back while it is still on its way: the first transition is cancelled, not ended.
    await rotate.evaluate(
      (button: HTMLButtonElement) =>
        new Promise<void>((resolve) => {
          // The second press a third of the way (the box visibly turned), so it surely lands mid-way.
          const layer = document.querySelector('.animated-rotation')!;
          const midway = () => {
            const progress = layer.getAnimations()[0]?.effect?.getComputedTiming().progress ?? 0;
            if (progress < 0.33) return void requestAnimationFrame(midway);
            button.click();
            resolve();
          };
          button.click();
          requestAnimationFrame(midway);
        }),
    );
    // A later animation of the same length ends after it, so by then every rotation end has arrived.
    await card.getByRole('button', { name: 'Animate opacity' }).click();
    await card.getByRole('status').filter({ hasText: 'Animations finished: 2' }).waitFor();
    expect(await endEvents(card).allTextContents()).toEqual(['rotation', 'opacity']);
    await page.close();
  });

  it('a change undone at once still ends once, after its duration, as in Flutter', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    await card.getByRole('button', { name: 'Animate scale' }).evaluate(
      (button: HTMLButtonElement) =>
        new Promise<void>((resolve) => {
          // Back before it has moved: the browser cancels the transition and starts none.
          const layer = document.querySelector('.animated-scale')!;
          const again = () => {
            button.click();
            resolve();
          };
          layer.addEventListener('transitionrun', again, { once: true });
          button.click();
        }),
    );
    await card.getByRole('status').filter({ hasText: 'Animations finished: 1' }).waitFor();
    expect(await endEvents(card).allTextContents()).toEqual(['scale']);
    await page.close();
  });

  it('Play animation chain starts each animation from the end of the one before', async () => {
    const page = await app.browser.context.newPage();
    const card = await showcase(page);
    await card.getByRole('button', { name: 'Play animation chain' }).click();
    expect(await card.getByRole('button', { name: 'Play animation chain' }).isDisabled()).toBe(true);
    await card.getByRole('status').filter({ hasText: 'Animations finished: 6' }).waitFor();
    expect(await endEvents(card).allTextContents()).toEqual([
      'opacity',
      'rotation',
      'scale',
      'offset',
      'position',
      'container',
    ]);
    await card.getByText('Ready').waitFor();
    expect(await card.getByRole('button', { name: 'Play animation chain' }).isDisabled()).toBe(false);
    await page.close();
  });
});
