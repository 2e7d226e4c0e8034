/** One end per animation, as Flutter's implicit animations call onEnd once. */
import { describe, expect, it } from 'vitest';
import { EndTracker, FLET_ANIMATIONS } from '../../../src/renderer/components/animation-end.ts';

describe('animation ends', () => {
  it('uses Flet’s names, outermost first as Flet nests them', () => {
    expect(FLET_ANIMATIONS).toEqual(['position', 'offset', 'scale', 'rotation', 'container', 'opacity']);
  });

  it('a layer moving several properties ends when the last one has', () => {
    const t = new EndTracker();
    for (const p of ['width', 'height', 'background-color']) t.started(p);
    expect(t.ended('width')).toBe(false);
    expect(t.ended('background-color')).toBe(false);
    expect(t.ended('height')).toBe(true);
  });

  it('a transition replaced before its end is cancelled and does not end the layer early', () => {
    const t = new EndTracker();
    t.started('transform');
    t.started('transform'); // the replacement starts before the old one's cancel arrives
    expect(t.cancelled('transform')).toBe(false); // the replacement still runs
    expect(t.ended('transform')).toBe(true);
  });

  it('a cancel that leaves nothing running says so (the caller ends it after the duration)', () => {
    const t = new EndTracker();
    t.started('opacity');
    expect(t.busy).toBe(true);
    expect(t.cancelled('opacity')).toBe(true);
    expect(t.busy).toBe(false);
  });

  it('an end it never saw start still counts, once nothing else runs', () => {
    const t = new EndTracker();
    expect(t.ended('opacity')).toBe(true);
    t.started('left');
    expect(t.ended('opacity')).toBe(false);
  });
});
