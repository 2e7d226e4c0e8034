import { describe, expect, it } from 'vitest';
import { placeOnScreen } from '../../../src/main/window/on-screen.ts';

const laptop = { left: 0, top: 0, width: 1440, height: 900 };
const right = { left: 1440, top: 0, width: 2560, height: 1440 };

describe('placeOnScreen', () => {
  it('keeps a window that is on a display, on either display', () => {
    const a = { left: 100, top: 100, width: 800, height: 600 };
    const b = { left: 2000, top: 300, width: 800, height: 600 };
    expect(placeOnScreen(a, [laptop, right])).toEqual(a);
    expect(placeOnScreen(b, [laptop, right])).toEqual(b);
  });

  it('keeps a window partly off screen while enough of it can be grabbed', () => {
    const w = { left: 1300, top: 100, width: 800, height: 600 };
    expect(placeOnScreen(w, [laptop])).toEqual(w);
  });

  it('pulls a window from an unplugged display onto the remaining one, shrunk to fit', () => {
    expect(placeOnScreen({ left: 2000, top: 300, width: 2000, height: 1200 }, [laptop])).toEqual({
      left: 0,
      top: 0,
      width: 1440,
      height: 900,
    });
  });

  it('pulls a window above or left of every display back', () => {
    expect(placeOnScreen({ left: -900, top: -700, width: 240, height: 96 }, [laptop])).toEqual({
      left: 0,
      top: 0,
      width: 240,
      height: 96,
    });
  });

  it('leaves the bounds alone when no display is known', () => {
    const w = { left: 5000, top: 5000, width: 10, height: 10 };
    expect(placeOnScreen(w, [])).toEqual(w);
  });
});
