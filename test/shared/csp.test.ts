/** The page's CSP names no origin but the app's in any fetch directive, except the avatar CDNs for images. */
import { describe, expect, it } from 'vitest';
import { AVATAR_ORIGINS, CSP_META_TAG, WEB_ONLY_CSP, avatarAllowed } from '../../src/shared/csp.ts';

const directives = (policy: string) =>
  new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

describe('the app page CSP', () => {
  const csp = directives(WEB_ONLY_CSP);

  it("lets images come only from the app, data:, blob: and the built-in providers' avatar hosts", () => {
    // The old policy allowed images from any https origin: an <img> carried a token away.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', ...AVATAR_ORIGINS]);
    expect(WEB_ONLY_CSP).not.toMatch(/(^|\s)https:(\s|;|$)/);
  });

  it('names no other origin in any other fetch directive', () => {
    for (const [name, values] of csp) {
      if (name === 'img-src' || !name.endsWith('-src')) continue;
      expect(
        values.every((v) => v === "'self'" || v === "'none'"),
        name,
      ).toBe(true);
    }
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the meta tag carries the same policy, less frame-ancestors', () => {
    expect(CSP_META_TAG).toContain(WEB_ONLY_CSP.replace("; frame-ancestors 'none'", ''));
  });

  it.each([
    ['https://avatars.githubusercontent.com/u/1?v=4', true],
    ['data:image/svg+xml;base64,PHN2Zy8+', true],
    ['https://evil.example/steal.png', false],
    ['http://avatars.githubusercontent.com/u/1', false],
    ['http://127.0.0.1:9999/x.png', false],
    ['not a url', false],
  ])('avatarAllowed(%s) is %s', (url, allowed) => {
    expect(avatarAllowed(url)).toBe(allowed);
  });
});
