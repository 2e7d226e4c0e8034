/** Which areas an app shows: Sign-in and About always, the showcase areas its identity names, in order. */
import { describe, expect, it } from 'vitest';
import { AREAS, areasFor } from '../../src/renderer/areas.ts';
import { APP_IDENTITY } from '../../src/shared/app-identity.ts';

describe('areas', () => {
  it('keeps Sign-in and About and only the showcase areas the identity names, in their order', () => {
    expect(areasFor([]).map((a) => a.id)).toEqual(['signin', 'about']);
    expect(areasFor(['window', 'storage']).map((a) => a.id)).toEqual([
      'signin',
      'storage',
      'window',
      'about',
    ]);
  });

  it("shows Latchkey's whole showcase as shipped", () => {
    expect(APP_IDENTITY.showcase).toEqual(['storage', 'encryption', 'window']);
    expect(AREAS.map((a) => a.label)).toEqual(['Sign-in', 'Storage', 'Encryption', 'Window', 'About']);
  });
});
