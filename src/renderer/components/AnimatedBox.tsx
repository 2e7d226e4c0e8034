import { useEffect, useRef, type CSSProperties, type ReactNode, type SyntheticEvent } from 'react';
import { CURVES, EndTracker, type Curve, type FletAnimation } from './animation-end.ts';

export interface ContainerLook {
  width: number;
  height: number;
  bgcolor: string;
  borderRadius: number;
}

/**
 * A box with Flet's implicit animations: set a new target value and the box moves there over `animate`'s
 * duration for that kind (Flet's `animate_opacity`, `animate_rotation`, `animate_scale`, `animate_offset`,
 * `animate_position` and Container's `animate`); a kind without a duration changes at once. Each animation
 * that finishes calls `onAnimationEnd` once with Flet's name for it. One nested layer per kind, in Flet's
 * order, so each has its own end, as each of Flutter's Animated* widgets does.
 */
export function AnimatedBox(props: {
  /** 0–1. */
  opacity?: number;
  /** Radians, clockwise, about the centre (Flet's `rotate`). */
  rotate?: number;
  scale?: number;
  /** A fraction of the box's own size (Flet's `offset`, Flutter's FractionalTranslation). */
  offset?: { x: number; y: number };
  /** From the top left of the stage the box sits in (Flet's `left` and `top` in a Stack). */
  position?: { left: number; top: number };
  container: ContainerLook;
  /** Duration in milliseconds per kind; a kind left out is not animated. */
  animate: Partial<Record<FletAnimation, number>>;
  curve?: Curve;
  onAnimationEnd?: (name: FletAnimation) => void;
  label?: string;
  children?: ReactNode;
}) {
  const easing = CURVES[props.curve ?? 'linear'];
  const transition = (kind: FletAnimation, properties: string[]): CSSProperties => {
    const ms = props.animate[kind];
    return ms === undefined ? {} : { transition: properties.map((p) => `${p} ${ms}ms ${easing}`).join(', ') };
  };
  const c = props.container;
  const layers: Record<FletAnimation, CSSProperties> = {
    position: props.position
      ? {
          position: 'absolute',
          left: props.position.left,
          top: props.position.top,
          ...transition('position', ['left', 'top']),
        }
      : {},
    offset: {
      transform: `translate(${(props.offset?.x ?? 0) * 100}%, ${(props.offset?.y ?? 0) * 100}%)`,
      ...transition('offset', ['transform']),
    },
    scale: { transform: `scale(${props.scale ?? 1})`, ...transition('scale', ['transform']) },
    rotation: { transform: `rotate(${props.rotate ?? 0}rad)`, ...transition('rotation', ['transform']) },
    container: {
      width: c.width,
      height: c.height,
      backgroundColor: c.bgcolor,
      borderRadius: c.borderRadius,
      ...transition('container', ['width', 'height', 'background-color', 'border-radius']),
    },
    opacity: {
      opacity: props.opacity ?? 1,
      ...transition('opacity', ['opacity']),
      width: '100%',
      height: '100%',
    },
  };

  return (
    <Layer
      kind="position"
      style={layers.position}
      duration={props.animate.position}
      onEnd={props.onAnimationEnd}
      label={props.label}
    >
      <Layer kind="offset" style={layers.offset} duration={props.animate.offset} onEnd={props.onAnimationEnd}>
        <Layer kind="scale" style={layers.scale} duration={props.animate.scale} onEnd={props.onAnimationEnd}>
          <Layer
            kind="rotation"
            style={layers.rotation}
            duration={props.animate.rotation}
            onEnd={props.onAnimationEnd}
          >
            <Layer
              kind="container"
              style={layers.container}
              duration={props.animate.container}
              onEnd={props.onAnimationEnd}
            >
              <Layer
                kind="opacity"
                style={layers.opacity}
                duration={props.animate.opacity}
                onEnd={props.onAnimationEnd}
                className="animated-box-content"
              >
                {props.children}
              </Layer>
            </Layer>
          </Layer>
        </Layer>
      </Layer>
    </Layer>
  );
}

function Layer(props: {
  kind: FletAnimation;
  style: CSSProperties;
  onEnd: ((name: FletAnimation) => void) | undefined;
  duration: number | undefined;
  label?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  const tracker = useRef<EndTracker | null>(null);
  tracker.current ??= new EndTracker();
  // Transition events bubble: a layer answers only for its own, never for the layers inside it.
  const own = (e: SyntheticEvent) => e.target === e.currentTarget;
  // React hands transitionrun and transitioncancel over as plain events: the property is on the native one.
  const property = (e: SyntheticEvent) => (e.nativeEvent as globalThis.TransitionEvent).propertyName;
  // A change undone before it moved: Flutter still ends it after the duration, so this layer does too.
  const late = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopLate = () => {
    if (late.current !== null) clearTimeout(late.current);
    late.current = null;
  };
  useEffect(() => stopLate, []);
  return (
    <div
      className={props.className ?? `animated-${props.kind}`}
      data-animation={props.kind}
      style={props.style}
      {...(props.label ? { role: 'group', 'aria-label': props.label } : {})}
      onTransitionRun={(e) => {
        if (!own(e)) return;
        stopLate();
        tracker.current!.started(property(e));
      }}
      onTransitionCancel={(e) => {
        if (!own(e) || !tracker.current!.cancelled(property(e))) return;
        stopLate();
        const { onEnd, kind } = props;
        late.current = setTimeout(() => {
          late.current = null;
          if (!tracker.current!.busy) onEnd?.(kind);
        }, props.duration ?? 0);
      }}
      onTransitionEnd={(e) => {
        if (own(e) && tracker.current!.ended(property(e))) props.onEnd?.(props.kind);
      }}
    >
      {props.children}
    </div>
  );
}
