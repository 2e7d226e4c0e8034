import { useState } from 'react';
import { AnimatedBox } from '../components/AnimatedBox.tsx';
import { ClipContainer, type ClipBehavior } from '../components/ClipContainer.tsx';
import { SvgImage, type BlendMode } from '../components/SvgImage.tsx';

const PICTURES = [
  { src: './showcase/key.svg', alt: 'A key' },
  { src: './showcase/star.svg', alt: 'A star' },
  { src: './showcase/circle.svg', alt: 'A circle' },
];
const CHAIN = ['slide', 'grow', 'fade'] as const;

export function ComponentShowcase() {
  const [picture, setPicture] = useState(0);
  const [tint, setTint] = useState('#3b5bdb');
  const [blend, setBlend] = useState<BlendMode>('src-in');
  const [clip, setClip] = useState<ClipBehavior>('antiAlias');
  const [step, setStep] = useState<number | null>(null);
  const [run, setRun] = useState(0);
  const [finished, setFinished] = useState(0);
  const p = PICTURES[picture]!;

  return (
    <section aria-labelledby="showcase-heading" className="card">
      <h2 id="showcase-heading">Components</h2>
      <p className="hint">
        Three small building blocks that Flet apps use, here to try out: an image that draws SVG with a tint
        colour and blend mode (and keeps the old picture until the next one has loaded), an animation whose
        end starts the next one, and a container that clips what does not fit (none, a hard edge, or smooth
        round corners). They run in the page only; nothing here is sent to the host.
      </p>
      <div className="showcase">
        <div>
          <SvgImage src={p.src} alt={p.alt} tint={tint} blendMode={blend} width={96} height={96} />
          <div className="row">
            <button
              type="button"
              className="secondary"
              onClick={() => setPicture((picture + 1) % PICTURES.length)}
            >
              Next picture
            </button>
            <label>
              Tint
              <input type="color" value={tint} onChange={(e) => setTint(e.target.value)} />
            </label>
            <label>
              Blend mode
              <select value={blend} onChange={(e) => setBlend(e.target.value as BlendMode)}>
                {(['src-in', 'multiply', 'screen', 'overlay', 'color', 'luminosity', 'normal'] as const).map(
                  (m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ),
                )}
              </select>
            </label>
          </div>
        </div>
        <div>
          <AnimatedBox
            animation={step === null ? null : CHAIN[step]!}
            run={run}
            onAnimationEnd={() => {
              setFinished((n) => n + 1);
              // Chain: each animation's end starts the next.
              if (step !== null && step + 1 < CHAIN.length) {
                setStep(step + 1);
                setRun((r) => r + 1);
              } else setStep(null);
            }}
          >
            {step === null ? 'Ready' : CHAIN[step]}
          </AnimatedBox>
          <div className="row">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setStep(0);
                setRun((r) => r + 1);
              }}
            >
              Play animation chain
            </button>
            <span role="status">Animations finished: {finished}</span>
          </div>
        </div>
        <div>
          {/* Room for what "None" lets spill out, so it never covers the label below. */}
          <div className="clip-stage">
            <ClipContainer clip={clip} label="Clipped container">
              <div className="clip-content">Content wider than its box</div>
            </ClipContainer>
          </div>
          <label>
            Clip behaviour
            <select value={clip} onChange={(e) => setClip(e.target.value as ClipBehavior)}>
              <option value="none">None</option>
              <option value="hardEdge">Hard edge</option>
              <option value="antiAlias">Anti-alias</option>
            </select>
          </label>
        </div>
      </div>
    </section>
  );
}
