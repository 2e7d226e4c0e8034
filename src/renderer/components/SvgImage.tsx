import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DEFAULT_BLEND_MODE, type BlendMode } from './blend-modes.ts';
import { DEFAULT_FIT, type BoxFit, type ImageRepeat, type Size } from './image-fit.ts';
import { urlFromBase64, urlFromSrc } from './image-source.ts';
import { paintImage, type Tint } from './paint-image.ts';

export type { BlendMode } from './blend-modes.ts';

interface Loaded {
  url: string;
  image: HTMLImageElement;
  natural: Size;
}

/**
 * Flet's Image: from `src` (a URL or SVG markup) or `srcBase64`, drawn on a canvas with `fit`, `repeat`,
 * `borderRadius` and a tint colour combined by any of Flutter's 29 blend modes (the colour is the source,
 * the image the destination), with a text alternative for screen readers. With `gaplessPlayback` the
 * previous picture stays until the next has loaded; without it (Flet's default) the box is empty meanwhile.
 */
export function SvgImage(props: {
  src?: string;
  srcBase64?: string;
  alt: string;
  tint?: Tint | null;
  blendMode?: BlendMode;
  width: number;
  height: number;
  fit?: BoxFit;
  repeat?: ImageRepeat;
  borderRadius?: number;
  gaplessPlayback?: boolean;
}) {
  const source =
    props.srcBase64 !== undefined ? urlFromBase64(props.srcBase64) : { url: urlFromSrc(props.src ?? '') };
  const url = 'url' in source && source.url !== '' ? source.url : null;
  const gapless = props.gaplessPlayback ?? false;

  const [shown, setShown] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [requested, setRequested] = useState(url);
  // Derived during render: a new source either keeps the old picture (gapless) or empties the box at once.
  if (url !== requested) {
    setRequested(url);
    if (!gapless || url === null) setShown(null);
  }

  useEffect(() => {
    if (url === null) return;
    let live = true;
    const image = new Image();
    image.onload = () => {
      if (!live) return;
      // An SVG without its own width and height has no natural size: it then takes the box's.
      const natural = {
        width: image.naturalWidth || props.width,
        height: image.naturalHeight || props.height,
      };
      setFailed(null);
      setShown({ url, image, natural });
    };
    image.onerror = () => {
      if (live) setFailed(url);
    };
    image.src = url;
    return () => {
      live = false;
    };
    // The box size only matters for a picture without its own size, read when it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const mode = props.blendMode ?? DEFAULT_BLEND_MODE;
  const fit = props.fit ?? DEFAULT_FIT;
  const repeat = props.repeat ?? 'noRepeat';
  const tint = props.tint ?? null;
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    if (!shown) {
      el.getContext('2d')?.clearRect(0, 0, el.width, el.height);
      return;
    }
    paintImage(el, shown.image, shown.natural, {
      box: { width: props.width, height: props.height },
      fit,
      repeat,
      tint,
      blendMode: mode,
      scale: window.devicePixelRatio || 1,
    });
  }, [shown, props.width, props.height, fit, repeat, mode, tint?.r, tint?.g, tint?.b, tint?.a]); // eslint-disable-line react-hooks/exhaustive-deps

  const state =
    shown?.url === url ? 'shown' : failed === url && url !== null ? 'error' : url ? 'loading' : 'empty';
  return (
    <span
      role="img"
      aria-label={props.alt}
      className="svg-image"
      style={{ width: props.width, height: props.height, borderRadius: props.borderRadius ?? 0 }}
      data-state={state}
      data-src={shown?.url ?? ''}
      data-blend={mode}
      data-fit={fit}
      data-repeat={repeat}
    >
      <canvas ref={canvas} aria-hidden="true" style={{ width: props.width, height: props.height }} />
    </span>
  );
}
