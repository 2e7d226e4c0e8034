/**
 * Strict base64url. Node's decoder silently skips characters outside the alphabet, which would let garbage
 * through; Python's urlsafe_b64decode (used by Flet) insists on correct padding. We decode strictly and
 * always encode with `=` padding so Python can read what we write.
 */

export function encodeBase64Url(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

/** Returns null when `text` is not base64url (wrong alphabet, bad length or misplaced padding). */
export function decodeBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const body = text.replace(/=+$/, '');
  const padded = text.length !== body.length;
  if (padded && text.length % 4 !== 0) return null;
  if (body.length % 4 === 1) return null;
  return Buffer.from(body, 'base64url');
}
