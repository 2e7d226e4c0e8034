import { useState } from 'react';
import { AnimatedBox, type ContainerLook } from '../components/AnimatedBox.tsx';
import { FLET_ANIMATIONS, type FletAnimation } from '../components/animation-end.ts';
import { BLEND_MODES, DEFAULT_BLEND_MODE, isBlendMode, type BlendMode } from '../components/blend-modes.ts';
import { CLIP_BEHAVIORS, ClipContainer, type ClipBehavior } from '../components/ClipContainer.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { BOX_FITS, IMAGE_REPEATS, type BoxFit, type ImageRepeat } from '../components/image-fit.ts';
import { urlFromBase64 } from '../components/image-source.ts';
import { SvgImage } from '../components/SvgImage.tsx';

const PICTURES = [
  { src: './showcase/key.svg', alt: 'A key' },
  { src: './showcase/star.svg', alt: 'A star' },
  { src: './showcase/circle.svg', alt: 'A circle' },
  { src: './showcase/sunset.svg', alt: 'A sunset' },
];
const BASE64_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="32" viewBox="0 0 48 32">' +
  '<path d="M4 28 24 4l20 24z" fill="#2b8a3e"/></svg>';
/** What `Base64 image` starts with: a small green triangle, so the field shows what src_base64 looks like. */
export const SAMPLE_BASE64 = btoa(BASE64_SVG);
const BASE64_ALT = 'A picture from base64';

const CLIP_LABELS: Record<ClipBehavior, string> = {
  none: 'None',
  hardEdge: 'Hard edge',
  antiAlias: 'Anti-alias',
  antiAliasWithSaveLayer: 'Anti-alias with save layer',
};

const DURATION_MS = 300;
const ANIMATE = Object.fromEntries(FLET_ANIMATIONS.map((k) => [k, DURATION_MS])) as Record<
  FletAnimation,
  number
>;
const LOOKS: readonly ContainerLook[] = [
  { width: 96, height: 48, bgcolor: '#364fc7', borderRadius: 10 },
  { width: 128, height: 64, bgcolor: '#9c3d05', borderRadius: 28 },
];
/** The order "Play animation chain" goes through: each end starts the next. */
const CHAIN: readonly FletAnimation[] = ['opacity', 'rotation', 'scale', 'offset', 'position', 'container'];
const MAX_EVENTS = 24;

function hexToTint(hex: string, opacityPercent: number) {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a: opacityPercent / 100 };
}

export function ComponentShowcase() {
  return (
    <section aria-labelledby="showcase-heading" className="card">
      <h2 id="showcase-heading">Components</h2>
      <p className="hint">
        Three building blocks that Flet apps use, here to try out: an image (from a URL or base64, with Flet’s
        fit, repeat, rounded corners, gapless playback and a tint colour in any of Flutter’s 29 blend modes),
        a box with Flet’s implicit animations that reports each animation’s end by Flet’s name, and a
        container that clips what does not fit (Flet’s four clip behaviours). They run in the page only;
        nothing here is sent to the host.
      </p>
      <div className="showcase">
        <ImageDemo />
        <AnimationDemo />
        <ClipDemo />
      </div>
    </section>
  );
}

function ImageDemo() {
  const [picture, setPicture] = useState(0);
  const [sourceKind, setSourceKind] = useState<'src' | 'base64'>('src');
  const [base64, setBase64] = useState(SAMPLE_BASE64);
  const [tint, setTint] = useState('#3b5bdb');
  const [tintOpacity, setTintOpacity] = useState(100);
  const [blend, setBlend] = useState<BlendMode>(DEFAULT_BLEND_MODE);
  const [fit, setFit] = useState<BoxFit>('contain');
  const [repeat, setRepeat] = useState<ImageRepeat>('noRepeat');
  const [radius, setRadius] = useState(0);
  const [gapless, setGapless] = useState(false);
  const p = PICTURES[picture]!;
  const base64Source = sourceKind === 'base64' ? urlFromBase64(base64) : null;

  return (
    <div className="showcase-image">
      <SvgImage
        {...(sourceKind === 'base64' ? { srcBase64: base64 } : { src: p.src })}
        alt={sourceKind === 'base64' ? BASE64_ALT : p.alt}
        tint={hexToTint(tint, tintOpacity)}
        blendMode={blend}
        width={160}
        height={96}
        fit={fit}
        repeat={repeat}
        borderRadius={radius}
        gaplessPlayback={gapless}
      />
      <div className="showcase-controls">
        <button
          type="button"
          className="secondary"
          disabled={sourceKind === 'base64'}
          onClick={() => setPicture((picture + 1) % PICTURES.length)}
        >
          Next picture
        </button>
        <label>
          Image source
          <select value={sourceKind} onChange={(e) => setSourceKind(e.target.value as 'src' | 'base64')}>
            <option value="src">URL (src)</option>
            <option value="base64">Base64 (src_base64)</option>
          </select>
        </label>
        {sourceKind === 'base64' && (
          <label className="showcase-wide">
            Base64 image
            <textarea
              rows={3}
              value={base64}
              spellCheck={false}
              onChange={(e) => setBase64(e.target.value)}
            />
          </label>
        )}
        <ErrorNote
          message={
            base64Source && 'error' in base64Source
              ? { message: base64Source.error, detail: base64Source.detail }
              : null
          }
        />
        <label>
          Tint
          <input type="color" value={tint} onChange={(e) => setTint(e.target.value)} />
        </label>
        <label>
          Tint opacity
          <input
            type="range"
            min={0}
            max={100}
            value={tintOpacity}
            aria-valuetext={`${tintOpacity}%`}
            onChange={(e) => setTintOpacity(Number(e.target.value))}
          />
        </label>
        <label>
          Blend mode
          <select value={blend} onChange={(e) => isBlendMode(e.target.value) && setBlend(e.target.value)}>
            {BLEND_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Fit
          <select value={fit} onChange={(e) => setFit(e.target.value as BoxFit)}>
            {BOX_FITS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Repeat
          <select value={repeat} onChange={(e) => setRepeat(e.target.value as ImageRepeat)}>
            {IMAGE_REPEATS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Border radius
          <input
            type="number"
            min={0}
            max={48}
            value={radius}
            onChange={(e) => setRadius(Math.min(48, Math.max(0, Number(e.target.value) || 0)))}
          />
        </label>
        <label>
          <input type="checkbox" checked={gapless} onChange={(e) => setGapless(e.target.checked)} />
          Gapless playback
        </label>
      </div>
    </div>
  );
}

interface Targets {
  opacity: number;
  rotate: number;
  scale: number;
  offset: { x: number; y: number };
  position: { left: number; top: number };
  look: number;
}
const START: Targets = {
  opacity: 1,
  rotate: 0,
  scale: 1,
  offset: { x: 0, y: 0 },
  position: { left: 8, top: 8 },
  look: 0,
};

/** The next target for one kind: toggles between two values, so every press changes something. */
function toggled(t: Targets, kind: FletAnimation): Targets {
  switch (kind) {
    case 'opacity':
      return { ...t, opacity: t.opacity === 1 ? 0.3 : 1 };
    case 'rotation':
      return { ...t, rotate: t.rotate === 0 ? Math.PI / 4 : 0 };
    case 'scale':
      return { ...t, scale: t.scale === 1 ? 0.7 : 1 };
    case 'offset':
      return { ...t, offset: t.offset.x === 0 ? { x: 0.25, y: 0 } : { x: 0, y: 0 } };
    case 'position':
      return { ...t, position: t.position.left === 8 ? { left: 48, top: 24 } : { left: 8, top: 8 } };
    case 'container':
      return { ...t, look: 1 - t.look };
  }
}

function AnimationDemo() {
  const [targets, setTargets] = useState(START);
  const [events, setEvents] = useState<FletAnimation[]>([]);
  const [finished, setFinished] = useState(0);
  const [chainStep, setChainStep] = useState<number | null>(null);

  const onEnd = (name: FletAnimation) => {
    setFinished((n) => n + 1);
    setEvents((list) => [...list, name].slice(-MAX_EVENTS));
    // The chain: the end of the animation it is waiting for starts the next one.
    if (chainStep !== null && CHAIN[chainStep] === name) {
      const next = chainStep + 1;
      if (next < CHAIN.length) {
        setChainStep(next);
        setTargets((t) => toggled(t, CHAIN[next]!));
      } else setChainStep(null);
    }
  };

  return (
    <div className="showcase-animation">
      <div className="animation-stage">
        <AnimatedBox
          label="Animated box"
          opacity={targets.opacity}
          rotate={targets.rotate}
          scale={targets.scale}
          offset={targets.offset}
          position={targets.position}
          container={LOOKS[targets.look]!}
          animate={ANIMATE}
          curve="easeInOut"
          onAnimationEnd={onEnd}
        >
          {chainStep === null ? 'Ready' : CHAIN[chainStep]}
        </AnimatedBox>
      </div>
      <div className="showcase-controls">
        {FLET_ANIMATIONS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="secondary"
            disabled={chainStep !== null}
            onClick={() => setTargets((t) => toggled(t, kind))}
          >
            Animate {kind}
          </button>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={chainStep !== null}
          onClick={() => {
            setChainStep(0);
            setTargets((t) => toggled(t, CHAIN[0]!));
          }}
        >
          Play animation chain
        </button>
        <span role="status">Animations finished: {finished}</span>
      </div>
      <h3 className="showcase-subheading" id="animation-events-heading">
        Animation end events
      </h3>
      {events.length === 0 ? (
        <p className="hint">None yet.</p>
      ) : (
        <ol aria-labelledby="animation-events-heading" className="animation-events">
          {events.map((name, i) => (
            <li key={i}>{name}</li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ClipDemo() {
  const [clip, setClip] = useState<ClipBehavior>('antiAlias');
  return (
    <div>
      {/* Room for what "None" lets spill out, so it never covers the label below. */}
      <div className="clip-stage">
        <ClipContainer clip={clip} label="Clipped container">
          <div className="clip-content">
            Content wider than its box
            {/* Blends with what is under it: inside a save layer only with the container's own content. */}
            <span className="clip-blend" aria-hidden="true" />
          </div>
        </ClipContainer>
      </div>
      <label>
        Clip behaviour
        <select value={clip} onChange={(e) => setClip(e.target.value as ClipBehavior)}>
          {CLIP_BEHAVIORS.map((c) => (
            <option key={c} value={c}>
              {CLIP_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
