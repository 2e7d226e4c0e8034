/**
 * The bytes of Flet's passphrase format given every input: base64url( salt ‖ Fernet token text ). Nothing
 * here is random or reads the clock; passphrase-encryption.ts supplies a fresh salt and IV and the time.
 * Tests reproduce Flet's reference vectors with it. The host API never reaches this module's inputs: its
 * `crypto.encrypt` takes only the text, the passphrase and the iteration count.
 */
import { HostError } from '../../../shared/errors.ts';
import { encodeBase64Url } from './base64url.ts';
import { fernetEncrypt } from './fernet.ts';

export const SALT_BYTES = 16;

export interface FletSealInputs {
  /** The key derived from the passphrase with `salt` (deriveKey). */
  key: Uint8Array;
  salt: Uint8Array;
  /** The Fernet IV: 16 bytes, never used twice with one key. */
  iv: Uint8Array;
  /** The Fernet timestamp, seconds since the epoch. */
  time: number;
}

export function sealFlet(plaintext: Uint8Array, inputs: FletSealInputs): string {
  if (inputs.salt.length !== SALT_BYTES)
    throw new HostError('invalid_argument', `the salt must be ${SALT_BYTES} bytes`);
  const tokenText = fernetEncrypt(inputs.key, plaintext, { iv: inputs.iv, time: inputs.time });
  return encodeBase64Url(Buffer.concat([inputs.salt, Buffer.from(tokenText, 'ascii')]));
}
