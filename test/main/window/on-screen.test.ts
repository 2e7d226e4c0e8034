import { describe, expect, it } from 'vitest';
import { clampToDisplay, displayFor } from '../../../src/main/window/on-screen.ts';

const laptop = { left: 0, top: 0, width: 1440, height: 900 };
const right = { left: 1440, top: 0, width: 2560, height: 1440 };

describe('clampToDisplay', () => {
  it('keeps a window that is inside a display, on either display', () => {
    const a = { left: 100, top: 100, width: 800, height: 600 };
    const b = { left: 2000, top: 300, width: 800, height: 600 };
    expect(clampToDisplay(a, [laptop, right])).toEqual(a);
    expect(clampToDisplay(b, [laptop, right])).toEqual(b);
  });

  // The old on-screen check kept any window with 48 px on a display: a 20000×20000 window was kept whole.
  it('shrinks a window larger than its display to the work area', () => {
    expect(clampToDisplay({ left: 0, top: 0, width: 20_000, height: 20_000 }, [laptop])).toEqual(laptop);
  });

  it('moves a window partly off its display wholly onto it', () => {
    expect(clampToDisplay({ left: 1300, top: 100, width: 800, height: 600 }, [laptop])).toEqual({
      left: 640,
      top: 100,
      width: 800,
      height: 600,
    });
  });

  it('brings a window at left −100000 back onto the nearest display', () => {
    expect(clampToDisplay({ left: -100_000, top: 50, width: 300, height: 200 }, [right, laptop])).toEqual({
      left: 0,
      top: 50,
      width: 300,
      height: 200,
    });
  });

  it('pulls a window from an unplugged display onto the remaining one, shrunk to fit', () => {
    expect(clampToDisplay({ left: 2000, top: 300, width: 2000, height: 1200 }, [laptop])).toEqual({
      left: 0,
      top: 0,
      width: 1440,
      height: 900,
    });
  });

  it('clamps to the display the window overlaps most, not the first', () => {
    const w = { left: 1400, top: 100, width: 3000, height: 600 };
    expect(displayFor(w, [laptop, right])).toBe(right);
    expect(clampToDisplay(w, [laptop, right])).toEqual({ left: 1440, top: 100, width: 2560, height: 600 });
  });

  it('leaves the bounds alone when no display is known', () => {
    const w = { left: 5000, top: 5000, width: 10, height: 10 };
    expect(clampToDisplay(w, [])).toEqual(w);
  });
});
