/** Flet's four clip behaviours as CSS. */
import { describe, expect, it } from 'vitest';
import { CLIP_BEHAVIORS, clipStyle } from '../../../src/renderer/components/ClipContainer.tsx';

describe('clip behaviours', () => {
  it('has all four of Flet’s ClipBehavior values', () => {
    expect(CLIP_BEHAVIORS).toEqual(['none', 'hardEdge', 'antiAlias', 'antiAliasWithSaveLayer']);
  });

  it.each([
    ['none', 'visible', 'none', 'auto'],
    ['hardEdge', 'hidden', 'inset(0)', 'auto'],
    ['antiAlias', 'hidden', 'inset(0 round 12px)', 'auto'],
    // The save layer is what sets it apart from antiAlias: an isolated group.
    ['antiAliasWithSaveLayer', 'hidden', 'inset(0 round 12px)', 'isolate'],
  ] as const)('%s', (clip, overflow, clipPath, isolation) => {
    expect(clipStyle(clip, 12)).toEqual({ overflow, clipPath, isolation });
  });
});
