import { describe, expect, it } from 'vitest';
import { parseColour, toAarrggbb, toCssRgba } from '../../src/shared/colour.ts';

const parsed = (text: string) => {
  const r = parseColour(text);
  if (!r.ok) throw new Error(r.problem);
  return r.colour;
};

describe('parseColour (Flet forms)', () => {
  it.each([
    ['#80ff0000', { a: 0x80, r: 0xff, g: 0, b: 0 }],
    ['#FF1E2127', { a: 0xff, r: 0x1e, g: 0x21, b: 0x27 }],
    ['#1e2127', { a: 0xff, r: 0x1e, g: 0x21, b: 0x27 }],
    ['red', { a: 0xff, r: 0xff, g: 0, b: 0 }],
    [' RebeccaPurple ', { a: 0xff, r: 0x66, g: 0x33, b: 0x99 }],
    ['transparent', { a: 0, r: 0, g: 0, b: 0 }],
  ])('%s', (text, colour) => {
    expect(parsed(text)).toEqual(colour);
  });

  // CSS's #rrggbbaa looks the same: eight digits are always alpha first, so it is never read as CSS reads it.
  it('reads eight digits alpha first: #ff000080 is an opaque dark blue, not a half-transparent red', () => {
    expect(parsed('#ff000080')).toEqual({ a: 0xff, r: 0, g: 0, b: 0x80 });
  });

  it.each([
    ['#fff', '3 hex digits'],
    ['#ff0000f', '7 hex digits'],
    ['#gg0000', 'not hex digits'],
    ['rgb(1, 2, 3)', 'is not a colour'],
    ['constructor', 'is not a colour like'],
    ['', 'is not a colour like'],
  ])('refuses %j with a message that says what is taken', (text, problem) => {
    const r = parseColour(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain(problem);
  });

  it('does not echo a long input whole', () => {
    const r = parseColour('x'.repeat(500));
    expect(!r.ok && r.problem.length).toBeLessThan(200);
  });

  it('writes #aarrggbb (what Electron reads) and CSS rgba()', () => {
    const half = { a: 0x80, r: 0xff, g: 0, b: 0 };
    expect(toAarrggbb(half)).toBe('#80ff0000');
    expect(toCssRgba(half)).toBe('rgba(255, 0, 0, 0.502)');
    expect(toAarrggbb(parsed(toAarrggbb(half)))).toBe('#80ff0000');
  });
});

describe("Flet's with_opacity form", () => {
  it.each([
    ['red,0.5', { a: 128, r: 0xff, g: 0, b: 0 }],
    ['#1e2127, 1', { a: 255, r: 0x1e, g: 0x21, b: 0x27 }],
    ['#80ff0000,0.5', { a: 64, r: 0xff, g: 0, b: 0 }],
    ['blue,0', { a: 0, r: 0, g: 0, b: 0xff }],
  ])('%s', (text, colour) => {
    expect(parsed(text)).toEqual(colour);
  });

  it.each(['red,2', 'red,', ',0.5', 'red,0.5,0.5', 'nope,0.5'])('refuses %j', (text) => {
    const r = parseColour(text);
    expect(!r.ok && r.problem).toContain('an opacity from 0 to 1');
  });
});
