/** Flutter's BoxFit and ImageRepeat placement, as pure geometry. */
import { describe, expect, it } from 'vitest';
import { applyBoxFit, imageLayout } from '../../../src/renderer/components/image-fit.ts';

const wide = { width: 200, height: 100 };
const tall = { width: 50, height: 100 };
const box = { width: 100, height: 100 };

describe('applyBoxFit', () => {
  it.each([
    // fit, image, source drawn, destination size (worked out from Flutter's BoxFit documentation)
    ['fill', wide, wide, box],
    ['contain', wide, wide, { width: 100, height: 50 }],
    ['cover', wide, { width: 100, height: 100 }, box],
    ['fitWidth', wide, wide, { width: 100, height: 50 }],
    ['fitHeight', wide, { width: 100, height: 100 }, box],
    ['fitWidth', tall, { width: 50, height: 50 }, box],
    ['fitHeight', tall, tall, { width: 50, height: 100 }],
    ['none', wide, { width: 100, height: 100 }, { width: 100, height: 100 }],
    ['none', { width: 20, height: 10 }, { width: 20, height: 10 }, { width: 20, height: 10 }],
    ['scaleDown', wide, wide, { width: 100, height: 50 }],
    ['scaleDown', { width: 20, height: 10 }, { width: 20, height: 10 }, { width: 20, height: 10 }],
  ] as const)('%s of %o draws %o at %o', (fit, image, source, destination) => {
    expect(applyBoxFit(fit, image, box)).toEqual({ source, destination });
  });

  it('an empty image or box draws nothing', () => {
    expect(applyBoxFit('fill', { width: 0, height: 10 }, box).destination).toEqual({ width: 0, height: 0 });
    expect(imageLayout('fill', 'repeat', wide, { width: 0, height: 10 }).tiles).toEqual([]);
  });
});

describe('imageLayout', () => {
  it('centres the picture and crops its middle for cover', () => {
    const { source, tiles } = imageLayout('cover', 'noRepeat', wide, box);
    expect(source).toEqual({ x: 50, y: 0, width: 100, height: 100 });
    expect(tiles).toEqual([{ x: 0, y: 0, width: 100, height: 100 }]);
  });

  it('repeats the placed picture along x, y or both until the box is covered', () => {
    const image = { width: 30, height: 40 };
    const at = (repeat: 'noRepeat' | 'repeat' | 'repeatX' | 'repeatY') =>
      imageLayout('none', repeat, image, box).tiles.map((t) => [t.x, t.y]);
    expect(at('noRepeat')).toEqual([[35, 30]]);
    expect(at('repeatX')).toEqual([
      [-25, 30],
      [5, 30],
      [35, 30],
      [65, 30],
      [95, 30],
    ]);
    expect(at('repeatY')).toEqual([
      [35, -10],
      [35, 30],
      [35, 70],
    ]);
    expect(at('repeat')).toHaveLength(15);
  });
});
