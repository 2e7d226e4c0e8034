/**
 * What Flutter draws for a solid colour (the source) blended over one image pixel (the destination), for
 * each of dart:ui's 29 BlendMode values, written from the documented formulas and nothing else: Porter-Duff
 * (dart:ui's BlendMode docs, Skia's SkBlendMode reference), Skia's kPlus (clamped sum) and kModulate
 * (product of premultiplied components, alpha included), and the W3C Compositing and Blending formulas
 * that dart:ui cites for the separable and non-separable modes. Independent of the app's renderer on
 * purpose: the end-to-end test compares the two.
 *
 * Colours are unpremultiplied 0–1; the result is premultiplied 0–1 ([r, g, b, a]).
 */
export interface Colour {
  r: number;
  g: number;
  b: number;
  a: number;
}
type Rgb = [number, number, number];
export type Premultiplied = [number, number, number, number];

const clamp = (x: number) => Math.min(1, Math.max(0, x));

// W3C separable blend functions B(Cb, Cs): Cb the backdrop (destination), Cs the source.
const multiply = (cb: number, cs: number) => cb * cs;
const screen = (cb: number, cs: number) => cb + cs - cb * cs;
const hardLight = (cb: number, cs: number) => (cs <= 0.5 ? multiply(cb, 2 * cs) : screen(cb, 2 * cs - 1));
const SEPARABLE: Record<string, (cb: number, cs: number) => number> = {
  multiply,
  screen,
  overlay: (cb, cs) => hardLight(cs, cb),
  darken: Math.min,
  lighten: Math.max,
  colorDodge: (cb, cs) => (cb === 0 ? 0 : cs >= 1 ? 1 : Math.min(1, cb / (1 - cs))),
  colorBurn: (cb, cs) => (cb >= 1 ? 1 : cs <= 0 ? 0 : 1 - Math.min(1, (1 - cb) / cs)),
  hardLight,
  softLight: (cb, cs) => {
    if (cs <= 0.5) return cb - (1 - 2 * cs) * cb * (1 - cb);
    const d = cb <= 0.25 ? ((16 * cb - 12) * cb + 4) * cb : Math.sqrt(cb);
    return cb + (2 * cs - 1) * (d - cb);
  },
  difference: (cb, cs) => Math.abs(cb - cs),
  exclusion: (cb, cs) => cb + cs - 2 * cb * cs,
};

// W3C non-separable helpers.
const lum = ([r, g, b]: Rgb) => 0.3 * r + 0.59 * g + 0.11 * b;
function clipColour(c: Rgb): Rgb {
  const l = lum(c);
  const n = Math.min(...c);
  const x = Math.max(...c);
  let out = c;
  if (n < 0) out = out.map((v) => l + ((v - l) * l) / (l - n)) as Rgb;
  if (x > 1) out = out.map((v) => l + ((v - l) * (1 - l)) / (x - l)) as Rgb;
  return out;
}
const setLum = (c: Rgb, l: number): Rgb => {
  const d = l - lum(c);
  return clipColour([c[0] + d, c[1] + d, c[2] + d]);
};
const sat = (c: Rgb) => Math.max(...c) - Math.min(...c);
function setSat(c: Rgb, s: number): Rgb {
  const [lo, mid, hi] = [0, 1, 2].sort((i, j) => c[i]! - c[j]!) as [number, number, number];
  const out: Rgb = [0, 0, 0];
  if (c[hi]! > c[lo]!) {
    out[mid] = ((c[mid]! - c[lo]!) * s) / (c[hi]! - c[lo]!);
    out[hi] = s;
  }
  return out;
}
const NON_SEPARABLE: Record<string, (cb: Rgb, cs: Rgb) => Rgb> = {
  hue: (cb, cs) => setLum(setSat(cs, sat(cb)), lum(cb)),
  saturation: (cb, cs) => setLum(setSat(cb, sat(cs)), lum(cb)),
  color: (cb, cs) => setLum(cs, lum(cb)),
  luminosity: (cb, cs) => setLum(cb, lum(cs)),
};

/** Porter-Duff modes as (Fa, Fb) factors on premultiplied colours: result = s·Fa + d·Fb. */
const PORTER_DUFF: Record<string, (sa: number, da: number) => [number, number]> = {
  clear: () => [0, 0],
  src: () => [1, 0],
  dst: () => [0, 1],
  srcOver: (sa) => [1, 1 - sa],
  dstOver: (_, da) => [1 - da, 1],
  srcIn: (_, da) => [da, 0],
  dstIn: (sa) => [0, sa],
  srcOut: (_, da) => [1 - da, 0],
  dstOut: (sa) => [0, 1 - sa],
  srcATop: (sa, da) => [da, 1 - sa],
  dstATop: (sa, da) => [1 - da, sa],
  xor: (sa, da) => [1 - da, 1 - sa],
};

export function flutterBlend(mode: string, src: Colour, dst: Colour): Premultiplied {
  const s: Rgb = [src.r * src.a, src.g * src.a, src.b * src.a];
  const d: Rgb = [dst.r * dst.a, dst.g * dst.a, dst.b * dst.a];
  const sa = src.a;
  const da = dst.a;
  const pd = PORTER_DUFF[mode];
  if (pd) {
    const [fa, fb] = pd(sa, da);
    return [s[0] * fa + d[0] * fb, s[1] * fa + d[1] * fb, s[2] * fa + d[2] * fb, sa * fa + da * fb];
  }
  if (mode === 'plus') return [clamp(s[0] + d[0]), clamp(s[1] + d[1]), clamp(s[2] + d[2]), clamp(sa + da)];
  if (mode === 'modulate') return [s[0] * d[0], s[1] * d[1], s[2] * d[2], sa * da];
  const cs: Rgb = [src.r, src.g, src.b];
  const cb: Rgb = [dst.r, dst.g, dst.b];
  let mixed: Rgb;
  const separable = SEPARABLE[mode];
  const nonSeparable = NON_SEPARABLE[mode];
  if (separable) mixed = [separable(cb[0], cs[0]), separable(cb[1], cs[1]), separable(cb[2], cs[2])];
  else if (nonSeparable) mixed = nonSeparable(cb, cs);
  else throw new Error(`not a Flutter blend mode: ${mode}`);
  // W3C general formula: the source where only it is, the destination where only it is, the blend where both are.
  const co = (i: 0 | 1 | 2) => (1 - da) * s[i] + (1 - sa) * d[i] + sa * da * mixed[i];
  return [co(0), co(1), co(2), sa + da - sa * da];
}

export const FLUTTER_BLEND_MODES = [
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
