/**
 * The two key-derivation settings Flet's passphrase encryption has used. The count is not stored in the
 * encrypted text, so a reader has to know it or try both (the Fernet MAC tells which one is right).
 * Runtime-free: the renderer shows these labels, the host uses the numbers.
 */
export const FLET_ITERATIONS = {
  /** Flet 0.27.5 and later (`flet.security` with `iterations=600000`). */
  current: 600_000,
  /** Flet 0.1.60 (its authentication release) through 0.27.4. */
  legacy: 100_000,
} as const;

export type FletIterations = (typeof FLET_ITERATIONS)[keyof typeof FLET_ITERATIONS];

/** `'auto'` tries 600,000 first, then 100,000. */
export type FletIterationsChoice = FletIterations | 'auto';

export const FLET_VERSIONS: Record<FletIterations, string> = {
  [FLET_ITERATIONS.current]: 'Flet 0.27.5 and later',
  [FLET_ITERATIONS.legacy]: 'Flet 0.1.60 – 0.27.4',
};

export interface DecryptDetails {
  text: string;
  /** The PBKDF2 iteration count that decrypted it. */
  iterations: FletIterations;
  /** The Flet versions that write with that count. */
  fletVersions: string;
  /**
   * `flet`: Flet's layout, base64url(salt ‖ token text). `latchkey-0.1`: what Latchkey 0.1 wrote by mistake
   * (raw token bytes after the salt), read so that nothing saved with it is lost; never written.
   */
  layout: 'flet' | 'latchkey-0.1';
}
