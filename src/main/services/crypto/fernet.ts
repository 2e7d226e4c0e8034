/**
 * Fernet (https://github.com/fernet/spec) on node:crypto: version 0x80, 64-bit timestamp, 128-bit IV,
 * AES-128-CBC with PKCS7, HMAC-SHA256 over everything before it. Keys are 32 bytes: signing key first,
 * encryption key second.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HostError } from '../../../shared/errors.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

const VERSION = 0x80;
const HEADER = 1 + 8 + 16;
const MAC = 32;
const BLOCK = 16;
/** The spec's allowance for clocks that disagree, used only when a TTL is checked (as Python's cryptography does). */
const MAX_CLOCK_SKEW_SECONDS = 60;

export type FernetFailure = 'base64' | 'version' | 'length' | 'signature' | 'expired' | 'future' | 'padding';

const MESSAGES: Record<FernetFailure, string> = {
  base64: 'the token is not base64url text',
  version: 'the token is not a Fernet token (unknown version byte)',
  length: 'the token is truncated or has a broken length',
  signature: 'the token does not verify: wrong key, or the token was changed',
  expired: 'the token has expired',
  future: 'the token is dated in the future beyond the allowed clock skew',
  padding: 'the token decrypts to invalid padding',
};

export class FernetError extends HostError {
  readonly reason: FernetFailure;
  constructor(reason: FernetFailure) {
    super('decrypt_failed', MESSAGES[reason]);
    this.reason = reason;
  }
}

function splitKey(key: Uint8Array): { signing: Buffer; encryption: Buffer } {
  if (key.byteLength !== 32) throw new HostError('invalid_argument', 'a Fernet key is 32 bytes');
  const k = Buffer.from(key);
  return { signing: k.subarray(0, 16), encryption: k.subarray(16, 32) };
}

export interface EncryptOptions {
  /** Seconds since the epoch; defaults to now. */
  time?: number;
  /** 16 bytes; defaults to random. Fixed IVs are for test vectors only. */
  iv?: Uint8Array;
}

/** A Fernet token in its usual text form (base64url), which is what Flet's format embeds after the salt. */
export function fernetEncrypt(key: Uint8Array, plaintext: Uint8Array, options: EncryptOptions = {}): string {
  const { signing, encryption } = splitKey(key);
  const iv = options.iv ? Buffer.from(options.iv) : randomBytes(16);
  if (iv.length !== 16) throw new HostError('invalid_argument', 'a Fernet IV is 16 bytes');
  const header = Buffer.alloc(HEADER);
  header[0] = VERSION;
  header.writeBigUInt64BE(BigInt(Math.floor(options.time ?? Date.now() / 1000)), 1);
  iv.copy(header, 9);
  const cipher = createCipheriv('aes-128-cbc', encryption, iv);
  const body = Buffer.concat([header, cipher.update(plaintext), cipher.final()]);
  const mac = createHmac('sha256', signing).update(body).digest();
  return encodeBase64Url(Buffer.concat([body, mac]));
}

export interface DecryptOptions {
  /** Reject tokens older than this many seconds. Without it, any age is accepted (as Flet does). */
  ttlSeconds?: number;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}

/** Verifies raw token bytes (authenticating before reading anything else) and returns the plaintext. */
export function fernetDecryptBytes(key: Uint8Array, token: Uint8Array, options: DecryptOptions = {}): Buffer {
  const { signing, encryption } = splitKey(key);
  const data = Buffer.from(token);
  if (data.length < 1 || data[0] !== VERSION) throw new FernetError(data.length < 1 ? 'length' : 'version');
  if (data.length < HEADER + BLOCK + MAC || (data.length - HEADER - MAC) % BLOCK !== 0)
    throw new FernetError('length');
  const body = data.subarray(0, data.length - MAC);
  const expected = createHmac('sha256', signing).update(body).digest();
  // Authenticate before looking at anything else the token says.
  if (!timingSafeEqual(expected, data.subarray(data.length - MAC))) throw new FernetError('signature');
  if (options.ttlSeconds !== undefined) {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const issued = Number(data.readBigUInt64BE(1));
    if (issued + options.ttlSeconds < now) throw new FernetError('expired');
    if (now + MAX_CLOCK_SKEW_SECONDS < issued) throw new FernetError('future');
  }
  const decipher = createDecipheriv('aes-128-cbc', encryption, data.subarray(9, HEADER));
  try {
    return Buffer.concat([decipher.update(data.subarray(HEADER, data.length - MAC)), decipher.final()]);
  } catch {
    throw new FernetError('padding');
  }
}

export function fernetDecrypt(key: Uint8Array, token: string, options: DecryptOptions = {}): Buffer {
  const bytes = decodeBase64Url(token);
  if (!bytes) throw new FernetError('base64');
  return fernetDecryptBytes(key, bytes, options);
}

/** Reads the key format Fernet uses on the wire: 32 bytes as base64url. */
export function fernetKeyFromText(text: string): Buffer {
  const key = decodeBase64Url(text);
  if (!key || key.length !== 32)
    throw new HostError('invalid_argument', 'a Fernet key is 32 bytes of base64url');
  return key;
}
