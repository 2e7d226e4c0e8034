/** Documented limits: the README's "Limits" table states each of them, and test/shared/limits-readme.test.ts checks it does. */
export const LIMITS = {
  /** Longest storage key, in UTF-16 code units. */
  maxKeyLength: 1024,
  /** Largest stored value, measured as the UTF-8 bytes of its JSON text. */
  maxValueBytes: 1024 * 1024,
  /** Deepest nesting of arrays and objects inside one value. */
  maxValueDepth: 64,
  /** Client storage's total quota: UTF-8 bytes of every key and value's JSON text together. */
  maxClientStorageBytes: 256 * 1024 * 1024,
  /** Most entries in one clientStorage.setMany call. */
  maxBatchEntries: 10_000,
  /** Largest encrypt/decrypt input, in UTF-8 bytes (before encryption). */
  maxCryptoTextBytes: 8 * 1024 * 1024,
  /** Key derivations (PBKDF2) running at once: two of libuv's four threads, so file work keeps the other two. */
  maxConcurrentDerivations: 2,
  /** Largest answer read from a provider (discovery, token, userinfo, user and groups API), in bytes. */
  maxProviderResponseBytes: 1024 * 1024,
  /** Largest response body `auth.request` reads, in bytes (stopped while it streams). */
  maxApiResponseBytes: 5 * 1024 * 1024,
  /** Largest HTTP request body the web host reads. */
  maxRequestBytes: 16 * 1024 * 1024,
} as const;
