/**
 * Flet's implicit animations and the names its `on_animation_end` reports (flet-dev/flet, the Dart side
 * of LayoutControl and Container: AnimatedOpacity → "opacity", AnimatedRotation → "rotation",
 * AnimatedScale → "scale", AnimatedSlide → "offset", AnimatedPositioned → "position", AnimatedContainer →
 * "container"). Outermost wrapper first, as Flet nests them around a control.
 */
export const FLET_ANIMATIONS = ['position', 'offset', 'scale', 'rotation', 'container', 'opacity'] as const;
export type FletAnimation = (typeof FLET_ANIMATIONS)[number];

/**
 * One end per change, as Flutter calls `onEnd` once per implicit animation: a layer that moves several CSS
 * properties (the container's width, height, colour and corners) ends when the last of them has, and a
 * transition replaced before its end (the value changed again) is cancelled without an end of its own.
 */
export class EndTracker {
  private running = new Map<string, number>();

  /** A CSS transition started (`transitionrun`). */
  started(property: string): void {
    this.running.set(property, (this.running.get(property) ?? 0) + 1);
  }

  /**
   * A transition was cancelled (`transitioncancel`): it will not end. True when nothing is left running:
   * the value went back before it had moved, so the browser starts no new transition, where Flutter would
   * still run to the (unchanged) target and then end; the caller ends it after the duration.
   */
  cancelled(property: string): boolean {
    this.settle(property);
    return this.running.size === 0;
  }

  /** True while any of the layer's transitions runs. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** A transition ended (`transitionend`); true when it was the layer's last one running. */
  ended(property: string): boolean {
    // An end never seen starting still ends the layer: browsers skip transitionrun in some cases.
    if (!this.running.has(property)) return this.running.size === 0;
    this.settle(property);
    return this.running.size === 0;
  }

  private settle(property: string): void {
    const n = (this.running.get(property) ?? 0) - 1;
    if (n > 0) this.running.set(property, n);
    else this.running.delete(property);
  }
}

/** Flet's `AnimationCurve` names this box takes, as CSS easing functions. */
export const CURVES = {
  linear: 'linear',
  ease: 'ease',
  easeIn: 'ease-in',
  easeOut: 'ease-out',
  easeInOut: 'ease-in-out',
  // Flutter's Curves.bounceOut, sampled (CSS linear() draws straight lines between the points).
  bounceOut:
    'linear(0, 0.063 9.1%, 0.25 18.2%, 0.563 27.3%, 1 36.4%, 0.813 45.5%, 0.75 54.5%, 0.813 63.6%, 1 72.7%, 0.938 81.8%, 1 90.9%, 0.984 95.5%, 1)',
} as const;
export type Curve = keyof typeof CURVES;
