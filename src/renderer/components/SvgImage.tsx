import { useState, type CSSProperties } from 'react';

export type BlendMode =
  'normal' | 'multiply' | 'screen' | 'overlay' | 'color' | 'hue' | 'luminosity' | 'src-in';

/**
 * An image that renders SVG (a URL or SVG markup), can be tinted with a colour and a blend mode, carries a
 * text alternative for screen readers, and keeps showing the previous picture until the next one has
 * loaded (gapless), as Flet's Image does.
 */
export function SvgImage(props: {
  src: string;
  alt: string;
  tint?: string | undefined;
  blendMode?: BlendMode;
  width: number;
  height: number;
}) {
  const url = props.src.trimStart().startsWith('<svg')
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.src)}`
    : props.src;
  const [shown, setShown] = useState(url);
  const [pending, setPending] = useState<string | null>(null);
  // Derived during render: a new source becomes "pending" and is swapped in only once loaded.
  if (url !== shown && url !== pending) setPending(url);

  const box: CSSProperties = { width: props.width, height: props.height };
  const mode = props.blendMode ?? 'src-in';
  const tint: CSSProperties | null = props.tint
    ? {
        ...box,
        backgroundColor: props.tint,
        // src-in: the tint takes the image's shape; other modes blend the tint over the picture.
        mixBlendMode: mode === 'src-in' ? 'normal' : mode,
        maskImage: `url("${shown}")`,
        maskSize: '100% 100%',
        WebkitMaskImage: `url("${shown}")`,
        WebkitMaskSize: '100% 100%',
      }
    : null;
  return (
    <span role="img" aria-label={props.alt} className="svg-image" style={box} data-src={shown}>
      <img src={shown} alt="" width={props.width} height={props.height} className="svg-image-shown" />
      {tint && <span className="svg-image-tint" style={tint} data-blend={mode} />}
      {pending && (
        <img
          src={pending}
          alt=""
          width={props.width}
          height={props.height}
          className="svg-image-pending"
          onLoad={() => {
            setShown(pending);
            setPending(null);
          }}
          onError={() => setPending(null)}
        />
      )}
    </span>
  );
}
