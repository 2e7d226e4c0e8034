/**
 * Flutter's 29 `BlendMode` values (dart:ui), in Flutter's order and under Flet's names, and how each is
 * drawn on a 2D canvas. For an image's tint the colour is the source and the image the destination, as in
 * Flutter's `Image.color` / `colorBlendMode` and Flet's `color_blend_mode`.
 */
export const BLEND_MODES = [
  'clear',
  'src',
  'dst',
  'srcOver',
  'dstOver',
  'srcIn',
  'dstIn',
  'srcOut',
  'dstOut',
  'srcATop',
  'dstATop',
  'xor',
  'plus',
  'modulate',
  'screen',
  'overlay',
  'darken',
  'lighten',
  'colorDodge',
  'colorBurn',
  'hardLight',
  'softLight',
  'difference',
  'exclusion',
  'multiply',
  'hue',
  'saturation',
  'color',
  'luminosity',
] as const;

export type BlendMode = (typeof BLEND_MODES)[number];

/** Flutter's default for a tinted image (`colorBlendMode` null): the colour takes the image's shape. */
export const DEFAULT_BLEND_MODE: BlendMode = 'srcIn';

export function isBlendMode(value: string): value is BlendMode {
  return (BLEND_MODES as readonly string[]).includes(value);
}

/**
 * How a mode is drawn: most are one canvas composite operation (the canvas names Porter-Duff and the W3C
 * separable and non-separable modes exactly as Skia does); `clear` and `dst` need no drawing at all, and
 * `modulate` (every component multiplied, alpha included, on premultiplied values) has no canvas
 * operation, so it is computed on the pixels.
 */
export type BlendStep =
  | { kind: 'composite'; operation: GlobalCompositeOperation }
  | { kind: 'clear' }
  | { kind: 'keep' }
  | { kind: 'modulate' };

const OPERATIONS: Partial<Record<BlendMode, GlobalCompositeOperation>> = {
  src: 'copy',
  srcOver: 'source-over',
  dstOver: 'destination-over',
  srcIn: 'source-in',
  dstIn: 'destination-in',
  srcOut: 'source-out',
  dstOut: 'destination-out',
  srcATop: 'source-atop',
  dstATop: 'destination-atop',
  xor: 'xor',
  // Skia's kPlus is the clamped sum of premultiplied colours: the canvas calls it 'lighter'.
  plus: 'lighter',
  screen: 'screen',
  overlay: 'overlay',
  darken: 'darken',
  lighten: 'lighten',
  colorDodge: 'color-dodge',
  colorBurn: 'color-burn',
  hardLight: 'hard-light',
  softLight: 'soft-light',
  difference: 'difference',
  exclusion: 'exclusion',
  multiply: 'multiply',
  hue: 'hue',
  saturation: 'saturation',
  color: 'color',
  luminosity: 'luminosity',
};

export function blendStep(mode: BlendMode): BlendStep {
  if (mode === 'clear') return { kind: 'clear' };
  if (mode === 'dst') return { kind: 'keep' };
  if (mode === 'modulate') return { kind: 'modulate' };
  return { kind: 'composite', operation: OPERATIONS[mode]! };
}

/**
 * Modulate on one pixel of canvas data (unpremultiplied RGBA bytes, as `getImageData` gives them) with a
 * solid colour: premultiplied, the result is the product of each component; unpremultiplied that is the
 * product of the colours and the product of the alphas.
 */
export function modulatePixels(
  data: Uint8ClampedArray,
  colour: { r: number; g: number; b: number; a: number },
): void {
  for (let i = 0; i < data.length; i += 4) {
    data[i] = Math.round((data[i]! * colour.r) / 255);
    data[i + 1] = Math.round((data[i + 1]! * colour.g) / 255);
    data[i + 2] = Math.round((data[i + 2]! * colour.b) / 255);
    data[i + 3] = Math.round(data[i + 3]! * colour.a);
  }
}
