/**
 * Error codes every host method may answer with. The renderer branches on `code`,
 * never on message text, so these names are part of the public contract.
 */
export const ERROR_CODES = [
  'invalid_argument',
  'unknown_method',
  'forbidden',
  'too_large',
  'not_found',
  'unsupported',
  'corrupt_store',
  'decrypt_failed',
  'cancelled',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface HostErrorShape {
  code: ErrorCode;
  message: string;
  /** Where in the arguments validation failed, e.g. `[1]` or `[0].key`. */
  path?: string;
}

export class HostError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;

  constructor(code: ErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.path = path;
  }

  toJSON(): HostErrorShape {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }

  static from(shape: HostErrorShape): HostError {
    const code = (ERROR_CODES as readonly string[]).includes(shape.code) ? shape.code : 'internal';
    return new HostError(code, String(shape.message), shape.path);
  }
}

/** What crosses a transport: never a thrown error, always one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: HostErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: HostErrorShape): Result<never> => ({ ok: false, error });
