/**
 * Where an image's pixels land in its box, as Flutter's `paintImage` places them (box_fit.dart's
 * `applyBoxFit`, centre alignment, `ImageRepeat` tiles), so Flet's `fit` and `repeat` mean here what they
 * mean in a Flet app. Pure: sizes in, rectangles out.
 */
export const BOX_FITS = ['fill', 'contain', 'cover', 'fitWidth', 'fitHeight', 'none', 'scaleDown'] as const;
export type BoxFit = (typeof BOX_FITS)[number];

export const IMAGE_REPEATS = ['noRepeat', 'repeat', 'repeatX', 'repeatY'] as const;
export type ImageRepeat = (typeof IMAGE_REPEATS)[number];

/** Flutter's `paintImage` default when `fit` is null. */
export const DEFAULT_FIT: BoxFit = 'scaleDown';

export interface Size {
  width: number;
  height: number;
}
export interface Rect extends Size {
  x: number;
  y: number;
}

/** The part of the image that is drawn (source) and the size it is drawn at (destination). */
export function applyBoxFit(fit: BoxFit, input: Size, output: Size): { source: Size; destination: Size } {
  if (input.width <= 0 || input.height <= 0 || output.width <= 0 || output.height <= 0) {
    return { source: { width: 0, height: 0 }, destination: { width: 0, height: 0 } };
  }
  const wider = output.width / output.height > input.width / input.height;
  const containSize = wider
    ? { width: (input.width * output.height) / input.height, height: output.height }
    : { width: output.width, height: (input.height * output.width) / input.width };
  const coverSource = wider
    ? { width: input.width, height: (input.width * output.height) / output.width }
    : { width: (input.height * output.width) / output.height, height: input.height };
  switch (fit) {
    case 'fill':
      return { source: input, destination: output };
    case 'contain':
      return { source: input, destination: containSize };
    case 'cover':
      return { source: coverSource, destination: output };
    case 'fitWidth':
      return wider
        ? { source: coverSource, destination: output }
        : {
            source: input,
            destination: { width: output.width, height: (input.height * output.width) / input.width },
          };
    case 'fitHeight':
      return wider
        ? {
            source: input,
            destination: { width: (input.width * output.height) / input.height, height: output.height },
          }
        : { source: coverSource, destination: output };
    case 'none': {
      const size = {
        width: Math.min(input.width, output.width),
        height: Math.min(input.height, output.height),
      };
      return { source: size, destination: size };
    }
    case 'scaleDown': {
      const aspect = input.width / input.height;
      let destination = input;
      if (destination.height > output.height)
        destination = { width: output.height * aspect, height: output.height };
      if (destination.width > output.width)
        destination = { width: output.width, height: output.width / aspect };
      return { source: input, destination };
    }
  }
}

function centred(inner: Size, outer: Rect): Rect {
  return {
    x: outer.x + (outer.width - inner.width) / 2,
    y: outer.y + (outer.height - inner.height) / 2,
    width: inner.width,
    height: inner.height,
  };
}

/**
 * The source rectangle (centred in the image) and every destination rectangle it is drawn to in the box:
 * one without repeat, else the fitted rectangle repeated across the box along x, y or both (the box clips
 * the tiles that stick out, as Flutter clips to the box when it repeats).
 */
export function imageLayout(
  fit: BoxFit,
  repeat: ImageRepeat,
  image: Size,
  box: Size,
): { source: Rect; tiles: Rect[] } {
  const sizes = applyBoxFit(fit, image, box);
  const source = centred(sizes.source, { x: 0, y: 0, ...image });
  const base = centred(sizes.destination, { x: 0, y: 0, ...box });
  if (base.width <= 0 || base.height <= 0) return { source, tiles: [] };
  const alongX = repeat === 'repeat' || repeat === 'repeatX';
  const alongY = repeat === 'repeat' || repeat === 'repeatY';
  // Same bounds as Flutter's _generateImageTileRects: from the first tile that reaches the box's left/top
  // edge to the last that reaches its right/bottom edge.
  const startX = alongX ? Math.floor((0 - base.x) / base.width) : 0;
  const stopX = alongX ? Math.ceil((box.width - (base.x + base.width)) / base.width) : 0;
  const startY = alongY ? Math.floor((0 - base.y) / base.height) : 0;
  const stopY = alongY ? Math.ceil((box.height - (base.y + base.height)) / base.height) : 0;
  const tiles: Rect[] = [];
  for (let i = startX; i <= stopX; i++) {
    for (let j = startY; j <= stopY; j++) {
      tiles.push({ ...base, x: base.x + i * base.width, y: base.y + j * base.height });
    }
  }
  return { source, tiles };
}
