/** The blend-mode policy: all 29 of Flutter's modes, each drawn by a step of its own. */
import { describe, expect, it } from 'vitest';
import {
  BLEND_MODES,
  DEFAULT_BLEND_MODE,
  blendStep,
  isBlendMode,
  modulatePixels,
} from '../../../src/renderer/components/blend-modes.ts';

describe('blend modes', () => {
  it('lists dart:ui’s 29 BlendMode values in Flutter’s order, srcIn the default as in Flutter', () => {
    expect(BLEND_MODES).toHaveLength(29);
    expect(new Set(BLEND_MODES).size).toBe(29);
    expect(BLEND_MODES.slice(0, 3)).toEqual(['clear', 'src', 'dst']);
    expect(BLEND_MODES.at(-1)).toBe('luminosity');
    expect(DEFAULT_BLEND_MODE).toBe('srcIn');
  });

  it('gives every mode its own way of drawing: no two share a canvas operation, none is a stand-in', () => {
    const steps = BLEND_MODES.map((m) => JSON.stringify(blendStep(m)));
    expect(new Set(steps).size).toBe(29);
    expect(blendStep('plus')).toEqual({ kind: 'composite', operation: 'lighter' });
    expect(blendStep('src')).toEqual({ kind: 'composite', operation: 'copy' });
    expect(blendStep('srcIn')).toEqual({ kind: 'composite', operation: 'source-in' });
    expect(blendStep('modulate')).toEqual({ kind: 'modulate' });
    expect(blendStep('clear')).toEqual({ kind: 'clear' });
    expect(blendStep('dst')).toEqual({ kind: 'keep' });
  });

  it('refuses names that are not Flutter’s (CSS’s “normal”, or the kebab-case canvas names)', () => {
    expect(isBlendMode('srcATop')).toBe(true);
    for (const bad of ['normal', 'src-in', 'source-in', 'SRC_IN', '']) expect(isBlendMode(bad)).toBe(false);
  });

  it('modulate multiplies every component, alpha included', () => {
    const data = new Uint8ClampedArray([255, 128, 0, 255, 200, 100, 50, 128]);
    modulatePixels(data, { r: 128, g: 255, b: 10, a: 0.5 });
    expect([...data]).toEqual([128, 128, 0, 128, 100, 100, 2, 64]);
  });
});
