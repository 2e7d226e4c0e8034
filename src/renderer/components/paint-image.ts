import { blendStep, modulatePixels, type BlendMode } from './blend-modes.ts';
import { imageLayout, type BoxFit, type ImageRepeat, type Size } from './image-fit.ts';

/** A solid tint: red, green, blue 0–255, alpha 0–1 (the canvas's own units). */
export interface Tint {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface PaintOptions {
  box: Size;
  fit: BoxFit;
  repeat: ImageRepeat;
  tint: Tint | null;
  blendMode: BlendMode;
  /** Device pixels per CSS pixel, so the picture is sharp on a high-density screen. */
  scale: number;
}

/**
 * Draws a loaded image into a canvas the size of its box, as Flutter paints an Image: the fitted part of
 * the picture, tinted the way a colour filter tints it (the colour is the source, each image pixel the
 * destination, including its transparent pixels), then placed in the box once or repeated. Returns false
 * where the page has no 2D canvas (a test DOM), leaving the canvas empty.
 */
export function paintImage(
  canvas: HTMLCanvasElement,
  image: CanvasImageSource,
  natural: Size,
  options: PaintOptions,
): boolean {
  const { box, scale } = options;
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(box.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const { source, tiles } = imageLayout(options.fit, options.repeat, natural, box);
  const first = tiles[0];
  if (!first) return true;

  // The tile in device pixels: the fitted picture drawn once at the size it will be shown, then tinted as a
  // whole, so the tint meets the image's own pixels and never the empty part of the box around them.
  const layer = canvas.ownerDocument.createElement('canvas');
  layer.width = Math.max(1, Math.round(first.width * scale));
  layer.height = Math.max(1, Math.round(first.height * scale));
  const lctx = layer.getContext('2d', { willReadFrequently: options.blendMode === 'modulate' });
  if (!lctx) return false;
  lctx.drawImage(image, source.x, source.y, source.width, source.height, 0, 0, layer.width, layer.height);
  if (options.tint) applyTint(lctx, layer, options.tint, options.blendMode);

  for (const tile of tiles) {
    ctx.drawImage(layer, tile.x * scale, tile.y * scale, tile.width * scale, tile.height * scale);
  }
  return true;
}

function applyTint(
  ctx: CanvasRenderingContext2D,
  layer: HTMLCanvasElement,
  tint: Tint,
  mode: BlendMode,
): void {
  const step = blendStep(mode);
  switch (step.kind) {
    case 'keep':
      return;
    case 'clear':
      ctx.clearRect(0, 0, layer.width, layer.height);
      return;
    case 'modulate': {
      const pixels = ctx.getImageData(0, 0, layer.width, layer.height);
      modulatePixels(pixels.data, tint);
      ctx.putImageData(pixels, 0, 0);
      return;
    }
    case 'composite':
      ctx.globalCompositeOperation = step.operation;
      ctx.fillStyle = `rgba(${tint.r}, ${tint.g}, ${tint.b}, ${tint.a})`;
      ctx.fillRect(0, 0, layer.width, layer.height);
      ctx.globalCompositeOperation = 'source-over';
  }
}
