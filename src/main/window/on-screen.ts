import type { WindowBounds } from '../../shared/window-types.ts';

/** A display's usable area (Electron's `Display.workArea`, as left/top/width/height). */
export type Area = WindowBounds;

function overlapArea(a: Area, b: Area): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return Math.max(0, width) * Math.max(0, height);
}

function centreDistance(a: Area, b: Area): number {
  return Math.hypot(
    a.left + a.width / 2 - (b.left + b.width / 2),
    a.top + a.height / 2 - (b.top + b.height / 2),
  );
}

/** The display a window belongs on: the one it overlaps most, else the nearest (a window off every display). */
export function displayFor(bounds: WindowBounds, displays: readonly Area[]): Area | undefined {
  let best: Area | undefined;
  let bestOverlap = -1;
  let bestDistance = Infinity;
  for (const d of displays) {
    const o = overlapArea(bounds, d);
    const dist = centreDistance(bounds, d);
    if (o > bestOverlap || (o === bestOverlap && dist < bestDistance)) {
      best = d;
      bestOverlap = o;
      bestDistance = dist;
    }
  }
  return best;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/**
 * Bounds moved and shrunk to lie wholly inside the work area of one display (the one they overlap most, else
 * the nearest). Every setBounds, every floating window and every restore of saved bounds goes through it, so a
 * page cannot make a window larger than the screen or put it where the user cannot reach it (a 20000×20000
 * always-on-top window, or one at left −100000). A pure function: the desktop app passes Electron's
 * `screen.getAllDisplays()` work areas. With no display known the bounds are returned as they are.
 */
export function clampToDisplay(bounds: WindowBounds, displays: readonly Area[]): WindowBounds {
  const target = displayFor(bounds, displays);
  if (!target) return bounds;
  const width = Math.min(bounds.width, target.width);
  const height = Math.min(bounds.height, target.height);
  return {
    left: clamp(bounds.left, target.left, target.left + target.width - width),
    top: clamp(bounds.top, target.top, target.top + target.height - height),
    width,
    height,
  };
}
