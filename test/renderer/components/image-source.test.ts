/** Flet's src and src_base64, read into something a browser can draw, or a plain message. */
import { describe, expect, it } from 'vitest';
import { urlFromBase64, urlFromSrc } from '../../../src/renderer/components/image-source.ts';

describe('image sources', () => {
  it('inline SVG markup becomes a data URL; a URL stays as it is', () => {
    expect(urlFromSrc('<svg xmlns="http://www.w3.org/2000/svg"/>')).toMatch(
      /^data:image\/svg\+xml;charset=utf-8,%3Csvg/,
    );
    expect(urlFromSrc('./showcase/key.svg')).toBe('./showcase/key.svg');
  });

  it('reads the picture’s type from its first bytes (base64 carries none)', () => {
    const png = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a));
    expect(urlFromBase64(png)).toEqual({ url: `data:image/png;base64,${png}` });
    expect(urlFromBase64(btoa('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({
      url: `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg"></svg>')}`,
    });
    expect('url' in urlFromBase64(btoa('GIF89a....'))).toBe(true);
    // Line breaks, as base64 tools wrap it, are fine.
    const wrapped = urlFromBase64(`${png.slice(0, 4)}\n${png.slice(4)}`);
    expect(wrapped).toEqual({ url: `data:image/png;base64,${png}` });
  });

  it.each([
    ['', 'There is no picture yet'],
    ['data:image/png;base64,iVBORw0KGgo=', 'This is a data URL'],
    ['not base64 at all!', 'This is not base64'],
    [btoa('just some text'), 'not a picture this app can show'],
  ])('refuses %j in plain words, with the technical detail apart', (input, words) => {
    const result = urlFromBase64(input);
    expect('error' in result && result.error).toContain(words);
    expect('detail' in result && result.detail.length).toBeGreaterThan(0);
  });
});
