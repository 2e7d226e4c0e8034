/** AES-256-GCM for vault entries, bound to their provider id so entries cannot be swapped between providers. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
}

/**
 * The authenticated data: the entry's id and, for files with replay resistance, the file's generation
 * (`context`), so an entry copied from another copy of the file, or a generation edited, fails to open.
 */
const aad = (id: string, context: string) =>
  Buffer.from(context === '' ? `latchkey-vault:${id}` : `latchkey-vault:${id}\0${context}`);

export function seal(key: Buffer, providerId: string, plaintext: string, context = ''): SealedEntry {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(providerId, context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** GCM's full tag. A shorter one would be accepted by default, and a 4-byte tag can be forged by trying. */
export const TAG_BYTES = 16;

export function open(key: Buffer, providerId: string, entry: SealedEntry, context = ''): string {
  const tag = Buffer.from(entry.tag, 'base64');
  if (tag.length !== TAG_BYTES) throw new Error(`the entry's tag is ${tag.length} bytes, not ${TAG_BYTES}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad(providerId, context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}
