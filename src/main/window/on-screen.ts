import type { WindowBounds } from '../../shared/window-types.ts';

/** A display's usable area (Electron's `Display.workArea`, as left/top/width/height). */
export type Area = WindowBounds;

/** How much of a window must stay on a display for the user to grab it and move it back. */
const GRAB = 48;

function overlap(a: Area, b: Area): { width: number; height: number } {
  return {
    width: Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left),
    height: Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top),
  };
}

/**
 * Where a window with saved bounds should open: where it was if enough of it is on a current display,
 * else pulled back onto the display it overlaps most (or the first), shrunk to fit. A pure function: the
 * desktop app passes Electron's `screen.getAllDisplays()` work areas.
 */
export function placeOnScreen(saved: WindowBounds, displays: readonly Area[]): WindowBounds {
  if (displays.length === 0) return saved;
  const visible = displays.some((d) => {
    const o = overlap(saved, d);
    return o.width >= Math.min(GRAB, saved.width) && o.height >= Math.min(GRAB, saved.height);
  });
  if (visible) return saved;
  const scored = displays.map((d) => {
    const o = overlap(saved, d);
    return { d, area: Math.max(0, o.width) * Math.max(0, o.height) };
  });
  const target = scored.reduce((best, s) => (s.area > best.area ? s : best), scored[0]!).d;
  const width = Math.min(saved.width, target.width);
  const height = Math.min(saved.height, target.height);
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
  return {
    left: clamp(saved.left, target.left, target.left + target.width - width),
    top: clamp(saved.top, target.top, target.top + target.height - height),
    width,
    height,
  };
}
