/**
 * Where an image comes from, as Flet's Image takes it: `src` (a URL, or SVG markup given inline) or
 * `src_base64` (the picture's bytes in base64, no `data:` prefix). Pure, so a bad value is a plain message,
 * never a broken picture.
 */
export type ImageSource = { url: string } | { error: string; detail: string };

/** Inline SVG markup becomes a data URL; anything else is used as the URL it is. */
export function urlFromSrc(src: string): string {
  return src.trimStart().startsWith('<svg') || src.trimStart().startsWith('<?xml')
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(src)}`
    : src;
}

// The first bytes of each format a browser can draw; base64 carries no type, so it is read from them.
const SIGNATURES: ReadonlyArray<{ type: string; test: (b: Uint8Array, text: string) => boolean }> = [
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (_, t) => t.startsWith('GIF8') },
  { type: 'image/webp', test: (_, t) => t.startsWith('RIFF') && t.slice(8, 12) === 'WEBP' },
  { type: 'image/bmp', test: (_, t) => t.startsWith('BM') },
  { type: 'image/svg+xml', test: (_, t) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(t) },
];

export function urlFromBase64(base64: string): ImageSource {
  const compact = base64.replace(/\s+/g, '');
  if (compact === '')
    return { error: 'There is no picture yet: paste one in base64.', detail: 'empty src_base64' };
  if (compact.startsWith('data:')) {
    return {
      error: 'This is a data URL; give only the base64 part after the comma (or use it as the source URL).',
      detail: 'src_base64 starts with "data:"',
    };
  }
  let bytes: Uint8Array;
  try {
    const binary = atob(compact);
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return {
      error: 'This is not base64: it has characters base64 does not use, or is cut short.',
      detail: 'atob() refused src_base64',
    };
  }
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  const match = SIGNATURES.find((s) => s.test(bytes, head));
  if (!match) {
    return {
      error: 'This base64 is not a picture this app can show (PNG, JPEG, GIF, WebP, BMP or SVG).',
      detail: `unknown image signature: ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`,
    };
  }
  return { url: `data:${match.type};base64,${compact}` };
}
