/**
 * Flet's `flet.security` encrypt/decrypt, byte-compatible both ways:
 *   base64url(salt16 ‖ FernetToken),  Fernet key = PBKDF2-HMAC-SHA256(passphrase, salt, 600000, 32 bytes).
 * Key derivation runs on libuv's thread pool (crypto.pbkdf2), so the host's event loop never waits on it and
 * several decrypts run in parallel. Neither the passphrase nor the key is kept after a call.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { HostError } from '../../../shared/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { FernetError, fernetDecryptBytes, fernetEncryptBytes } from './fernet.ts';

const pbkdf2Async = promisify(pbkdf2);

export const FLET_ITERATIONS = 600_000;
export const SALT_BYTES = 16;

export function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations = FLET_ITERATIONS,
): Promise<Buffer> {
  return pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
}

function checkSize(text: string, what: string): void {
  // Cheap bound first: a string's UTF-8 size is at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > LIMITS.maxCryptoTextBytes && Buffer.byteLength(text) > LIMITS.maxCryptoTextBytes) {
    throw new HostError('too_large', `the ${what} is over ${LIMITS.maxCryptoTextBytes} bytes`);
  }
}

export interface FletEncryptOptions {
  /** For test vectors only. */
  salt?: Uint8Array;
  iv?: Uint8Array;
  time?: number;
  iterations?: number;
}

export async function encrypt(
  plainText: string,
  passphrase: string,
  options: FletEncryptOptions = {},
): Promise<string> {
  checkSize(plainText, 'text');
  const salt = options.salt ? Buffer.from(options.salt) : randomBytes(SALT_BYTES);
  if (salt.length !== SALT_BYTES)
    throw new HostError('invalid_argument', `the salt must be ${SALT_BYTES} bytes`);
  const key = await deriveKey(passphrase, salt, options.iterations);
  const token = fernetEncryptBytes(key, Buffer.from(plainText, 'utf8'), {
    ...(options.iv ? { iv: options.iv } : {}),
    ...(options.time !== undefined ? { time: options.time } : {}),
  });
  key.fill(0);
  return encodeBase64Url(Buffer.concat([salt, token]));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function decrypt(
  encrypted: string,
  passphrase: string,
  iterations = FLET_ITERATIONS,
): Promise<string> {
  checkSize(encrypted, 'encrypted text');
  const raw = decodeBase64Url(encrypted.trim());
  if (!raw)
    throw new HostError('decrypt_failed', 'cannot decrypt: the text is not base64url (was it copied whole?)');
  if (raw.length <= SALT_BYTES)
    throw new HostError('decrypt_failed', 'cannot decrypt: the text is too short to be encrypted data');
  const key = await deriveKey(passphrase, raw.subarray(0, SALT_BYTES), iterations);
  let plain: Buffer;
  try {
    plain = fernetDecryptBytes(key, raw.subarray(SALT_BYTES));
  } catch (error) {
    if (error instanceof FernetError && error.reason === 'signature') {
      // With a passphrase-derived key these two cannot be told apart.
      throw new HostError('decrypt_failed', 'cannot decrypt: wrong passphrase, or the text was changed');
    }
    if (error instanceof FernetError)
      throw new HostError('decrypt_failed', `cannot decrypt: ${error.message}`);
    throw error;
  } finally {
    key.fill(0);
  }
  try {
    return utf8.decode(plain);
  } catch {
    throw new HostError('decrypt_failed', 'cannot decrypt: the decrypted data is not UTF-8 text');
  }
}
