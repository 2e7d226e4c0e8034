import type { ReactNode } from 'react';

/**
 * A box that plays a CSS animation and reports its end, so animations can be chained (Flet's
 * on_animation_end). `animation` names a keyframes class in styles.css; changing `run` replays it.
 */
export function AnimatedBox(props: {
  animation: 'slide' | 'grow' | 'fade' | null;
  run: number;
  onAnimationEnd: (name: string) => void;
  children: ReactNode;
}) {
  return (
    <div
      key={props.run}
      className={`animated-box ${props.animation ? `anim-${props.animation}` : ''}`}
      onAnimationEnd={(e) => props.onAnimationEnd(e.animationName)}
    >
      {props.children}
    </div>
  );
}
