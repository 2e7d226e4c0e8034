/**
 * Flet's `flet.security` encrypt/decrypt, byte-compatible both ways. Flet writes
 *
 *   base64url( salt[16] ‖ Fernet(key).encrypt(text) )   key = base64url(PBKDF2-HMAC-SHA256(passphrase, salt, N, 32))
 *
 * where `Fernet.encrypt()` already returns the token as base64url *text*, so the token is encoded twice.
 * N is 600,000 from Flet 0.27.5 on and 100,000 before; it is not stored, so decryption takes the count or
 * tries both. Key derivation runs on libuv's thread pool (crypto.pbkdf2), so the event loop never waits on
 * it. Neither the passphrase nor the key is kept after a call.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { HostError } from '../../../shared/errors.ts';
import {
  FLET_ITERATIONS,
  FLET_VERSIONS,
  type DecryptDetails,
  type FletIterations,
  type FletIterationsChoice,
} from '../../../shared/flet-encryption.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { Limiter } from '../../async.ts';
import { decodeBase64Url } from './base64url.ts';
import { FernetError, fernetDecryptBytes } from './fernet.ts';
import { SALT_BYTES, sealFlet } from './flet-format.ts';
import { readPastedBase64Url } from './pasted-text.ts';

const pbkdf2Async = promisify(pbkdf2);
/**
 * At most two key derivations at once. PBKDF2 at 600,000 rounds holds a libuv thread for ~100 ms, and libuv
 * has four: with more in flight, file writes (client storage) and static files wait behind them for seconds.
 * The rest queue, in order, and a queued one can be cancelled before it starts.
 */
const derivations = new Limiter(LIMITS.maxConcurrentDerivations);

/** The Fernet version byte: the first byte of a raw token (Latchkey 0.1's layout), never of token text. */
const FERNET_VERSION = 0x80;

export function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number = FLET_ITERATIONS.current,
  signal?: AbortSignal,
): Promise<Buffer> {
  return derivations
    .run(() => pbkdf2Async(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256'), signal)
    .catch((error: unknown) => {
      if (signal?.aborted && error === signal.reason)
        throw new HostError('cancelled', 'the encryption was cancelled before it started');
      throw error;
    });
}

function checkSize(text: string, what: string): void {
  // Cheap bound first: a string's UTF-8 size is at most 3 bytes per UTF-16 unit.
  if (text.length * 3 > LIMITS.maxCryptoTextBytes && Buffer.byteLength(text) > LIMITS.maxCryptoTextBytes) {
    throw new HostError('too_large', `the ${what} is over ${LIMITS.maxCryptoTextBytes} bytes`, {
      details: { limit: LIMITS.maxCryptoTextBytes },
    });
  }
}

/**
 * Flet encodes with Python's `str.encode("utf-8")`, which raises on an unpaired surrogate; Node would
 * silently turn it into U+FFFD and encrypt something else. Refuse instead.
 */
function checkWellFormed(text: string, what: string): void {
  const at = text.search(/\p{Cs}/u);
  if (at >= 0) {
    const unit = text.charCodeAt(at).toString(16).toUpperCase();
    throw new HostError(
      'invalid_argument',
      `the ${what} contains a broken character (an unpaired surrogate, U+${unit}, at position ${at + 1}); Flet refuses such text too`,
    );
  }
}

function checkIterations(iterations: number): asserts iterations is FletIterations {
  if (iterations !== FLET_ITERATIONS.current && iterations !== FLET_ITERATIONS.legacy) {
    throw new HostError(
      'invalid_argument',
      `iterations must be ${FLET_ITERATIONS.current} (${FLET_VERSIONS[FLET_ITERATIONS.current]}) or ${FLET_ITERATIONS.legacy} (${FLET_VERSIONS[FLET_ITERATIONS.legacy]})`,
    );
  }
}

export interface FletEncryptOptions {
  /** 600,000 (default, Flet 0.27.5 and later) or 100,000 (Flet 0.1.60 – 0.27.4). */
  iterations?: FletIterations;
}

/** Encrypts in Flet's format with a fresh random salt and IV (the only way the host encrypts). */
export async function encrypt(
  plainText: string,
  passphrase: string,
  options: FletEncryptOptions = {},
): Promise<string> {
  checkSize(plainText, 'text');
  checkWellFormed(plainText, 'text');
  checkWellFormed(passphrase, 'passphrase');
  const iterations = options.iterations ?? FLET_ITERATIONS.current;
  checkIterations(iterations);
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(passphrase, salt, iterations);
  try {
    return sealFlet(Buffer.from(plainText, 'utf8'), {
      key,
      salt,
      iv: randomBytes(16),
      time: Math.floor(Date.now() / 1000),
    });
  } finally {
    key.fill(0);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits the decoded bytes into salt and raw Fernet token, in Flet's layout or Latchkey 0.1's. */
function unpack(raw: Buffer): { salt: Buffer; token: Buffer; layout: DecryptDetails['layout'] } {
  if (raw.length <= SALT_BYTES)
    throw new HostError('decrypt_failed', 'cannot decrypt: the text is too short to be encrypted data');
  const salt = raw.subarray(0, SALT_BYTES);
  const rest = raw.subarray(SALT_BYTES);
  if (rest[0] === FERNET_VERSION) return { salt, token: rest, layout: 'latchkey-0.1' };
  // Flet's layout: the token's own base64url text, which Fernet always pads.
  const token = decodeBase64Url(rest.toString('latin1'));
  if (!token)
    throw new HostError(
      'decrypt_failed',
      'cannot decrypt: the text was changed, or it is not text encrypted by Flet or Latchkey (no Fernet token after the salt)',
    );
  return { salt, token, layout: 'flet' };
}

/** Decrypts with one iteration count; `null` when the MAC does not match (wrong passphrase or count). */
async function tryKey(passphrase: string, salt: Buffer, token: Buffer, iterations: number) {
  const key = await deriveKey(passphrase, salt, iterations);
  try {
    return fernetDecryptBytes(key, token);
  } catch (error) {
    if (error instanceof FernetError && error.reason === 'signature') return null;
    if (error instanceof FernetError)
      throw new HostError('decrypt_failed', `cannot decrypt: ${error.message}`);
    throw error;
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts text in Flet's format and says how: which iteration count matched and which layout it had.
 * `iterations: 'auto'` tries 600,000 then 100,000 (twice the work when the passphrase is wrong).
 */
export async function decryptDetailed(
  encrypted: string,
  passphrase: string,
  iterations: FletIterationsChoice = FLET_ITERATIONS.current,
): Promise<DecryptDetails> {
  checkSize(encrypted, 'encrypted text');
  checkWellFormed(passphrase, 'passphrase');
  const tries: FletIterations[] =
    iterations === 'auto' ? [FLET_ITERATIONS.current, FLET_ITERATIONS.legacy] : [iterations];
  for (const n of tries) checkIterations(n);
  const { salt, token, layout } = unpack(readPastedBase64Url(encrypted));
  for (const n of tries) {
    const plain = await tryKey(passphrase, salt, token, n);
    if (!plain) continue;
    try {
      return { text: utf8.decode(plain), iterations: n, fletVersions: FLET_VERSIONS[n], layout };
    } catch {
      throw new HostError('decrypt_failed', 'cannot decrypt: the decrypted data is not UTF-8 text');
    } finally {
      plain.fill(0);
    }
  }
  // With a passphrase-derived key a wrong passphrase and changed text cannot be told apart.
  const tried = tries.map((n) => `${FLET_VERSIONS[n]}, ${n.toLocaleString('en')} iterations`).join('; ');
  throw new HostError(
    'decrypt_failed',
    `cannot decrypt: wrong passphrase, or the text was changed (tried the key of ${tried})`,
  );
}

export async function decrypt(
  encrypted: string,
  passphrase: string,
  iterations: FletIterationsChoice = FLET_ITERATIONS.current,
): Promise<string> {
  return (await decryptDetailed(encrypted, passphrase, iterations)).text;
}
