import type { ReactNode } from 'react';

/** Flet's clip behaviour: none (children may overflow), hard edge (cut to the box), anti-alias (cut smoothly to the rounded box). */
export type ClipBehavior = 'none' | 'hardEdge' | 'antiAlias';

export function ClipContainer(props: {
  clip: ClipBehavior;
  radius?: number;
  label: string;
  children: ReactNode;
}) {
  const radius = props.radius ?? 16;
  return (
    <div
      className="clip-container"
      role="group"
      aria-label={props.label}
      data-clip={props.clip}
      style={{
        borderRadius: radius,
        overflow: props.clip === 'none' ? 'visible' : 'hidden',
        clipPath:
          props.clip === 'hardEdge'
            ? 'inset(0)'
            : props.clip === 'antiAlias'
              ? `inset(0 round ${radius}px)`
              : 'none',
      }}
    >
      {props.children}
    </div>
  );
}
