import type { CSSProperties, ReactNode } from 'react';

/**
 * Flet's `ClipBehavior`: none (children may overflow), hardEdge (cut to the box), antiAlias (cut smoothly to
 * the rounded box), antiAliasWithSaveLayer (the same smooth cut, with the children first drawn into a layer
 * of their own, so what they blend with stays inside the clip and the edge shows no seam).
 */
export const CLIP_BEHAVIORS = ['none', 'hardEdge', 'antiAlias', 'antiAliasWithSaveLayer'] as const;
export type ClipBehavior = (typeof CLIP_BEHAVIORS)[number];

/** The CSS for a clip behaviour; pure, so the mapping is tested on its own. */
export function clipStyle(clip: ClipBehavior, radius: number): CSSProperties {
  switch (clip) {
    case 'none':
      return { overflow: 'visible', clipPath: 'none', isolation: 'auto' };
    case 'hardEdge':
      return { overflow: 'hidden', clipPath: 'inset(0)', isolation: 'auto' };
    case 'antiAlias':
      return { overflow: 'hidden', clipPath: `inset(0 round ${radius}px)`, isolation: 'auto' };
    case 'antiAliasWithSaveLayer':
      // CSS's saveLayer: an isolated group is composited on its own before it meets the page.
      return { overflow: 'hidden', clipPath: `inset(0 round ${radius}px)`, isolation: 'isolate' };
  }
}

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
      style={{ borderRadius: radius, ...clipStyle(props.clip, radius) }}
    >
      {props.children}
    </div>
  );
}
