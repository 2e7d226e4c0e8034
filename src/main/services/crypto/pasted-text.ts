/**
 * Encrypted text as a person pastes it: wrapped over lines, indented, or with its `=` padding cut off by a
 * chat or mail program. Those are accepted; any other character is refused by name, because it means the
 * text is not what was encrypted (Python's decoder, which Flet uses, would skip it silently and fail later).
 */
import { HostError } from '../../../shared/errors.ts';
import { decodeBase64Url } from './base64url.ts';

const ALLOWED = /[A-Za-z0-9_\-=]/;

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  // Show printable characters themselves; control and invisible ones by code only.
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) ? `“${char}” (${name})` : name;
}

export function readPastedBase64Url(pasted: string): Buffer {
  const compact = pasted.replace(/\s+/g, '');
  if (compact === '')
    throw new HostError('decrypt_failed', 'cannot decrypt: there is no encrypted text (the input is empty)');
  // Report the first foreign character where the person can find it: its position in what they pasted.
  let position = 0;
  for (const char of pasted) {
    position += 1;
    if (!ALLOWED.test(char) && !/\s/.test(char)) {
      throw new HostError(
        'decrypt_failed',
        `cannot decrypt: the text contains ${describe(char)} at character ${position}, which is not part of encrypted text (only letters, digits, - and _, with = at the end); was it changed after copying?`,
      );
    }
  }
  const body = compact.replace(/=+$/, '');
  const bytes = body.includes('=') ? null : decodeBase64Url(body);
  if (!bytes)
    throw new HostError(
      'decrypt_failed',
      'cannot decrypt: the text is cut off or has "=" in the middle (was it copied whole?)',
    );
  return bytes;
}
