/**
 * Error codes every host method may answer with. The renderer branches on `code` and `details`, never on
 * message text, so these names are part of the public contract.
 */
const ERROR_CODES = [
  'invalid_argument',
  'unknown_method',
  'forbidden',
  'too_large',
  'not_found',
  'unsupported',
  'corrupt_store',
  'decrypt_failed',
  'cancelled',
  /** The account has not granted what the call needs (scopes): sign in again asking for it. */
  'consent_required',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A `too_large` error's numbers, in bytes. `actual` is absent where the host stopped reading at the limit. */
export interface SizeDetails {
  limit: number;
  actual?: number;
}

/** Why an error happened, for code to branch on; one member per reason. */
export type ReasonDetails =
  /** A Flet saved token that could not be used because it has expired (and could not be renewed). */
  | { reason: 'saved_token_expired' }
  /** A value JSON cannot hold; `problem` says what, in words for the user (e.g. "NaN is not a JSON number"). */
  | { reason: 'not_json'; problem: string }
  /** Too many popups and external opens from one window; `retryAfterSeconds` until the next may go. */
  | { reason: 'rate_limited'; limit: number; perSeconds: number; retryAfterSeconds: number }
  /** The clipboard needs a click or key press in the app first (transient user activation). */
  | { reason: 'needs_user_activation' }
  /** The app's policy (src/shared/app-policy.ts) keeps this call from the page; `setting` names the switch. */
  | { reason: 'app_policy'; setting: string }
  /** Scopes a call asked for beyond the provider entry's `allowedExtraScopes`. */
  | { reason: 'scope_not_allowed'; scopes: string[] }
  /** Scopes the account's token lacks (`consent_required`): ask for them with auth.signIn and `accountId`. */
  | { reason: 'missing_scopes'; scopes: string[] };

/** What each code may carry: sizes for `too_large`, a reason for the others. */
export type DetailsFor<C extends ErrorCode> = C extends 'too_large' ? SizeDetails : ReasonDetails;
export type HostErrorDetails = DetailsFor<ErrorCode>;

export interface HostErrorShape {
  code: ErrorCode;
  message: string;
  /** Where in the arguments validation failed, e.g. `[1]` or `[0].key`. */
  path?: string;
  details?: HostErrorDetails;
}

export interface HostErrorOptions<C extends ErrorCode> {
  path?: string | undefined;
  details?: DetailsFor<C> | undefined;
}

// Bounds for what a transport hands in: a hostile or broken answer must not grow without end.
const MAX_MESSAGE = 4096;
const MAX_PATH = 512;
const MAX_PROBLEM = 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
/** An own property only: nothing a prototype (or a `__proto__` key) could slip in. */
const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(o, key) ? o[key] : undefined;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' ? (v.length > max ? `${v.slice(0, max)}…` : v) : undefined;

/** Rebuilds details from what a transport handed in, keeping only a shape that `code` may carry. */
function readDetails<C extends ErrorCode>(code: C, raw: unknown): DetailsFor<C> | undefined;
function readDetails(code: ErrorCode, raw: unknown): HostErrorDetails | undefined {
  if (!isRecord(raw)) return undefined;
  if (code === 'too_large') {
    const limit = own(raw, 'limit');
    const actual = own(raw, 'actual');
    if (!isCount(limit)) return undefined;
    return isCount(actual) ? { limit, actual } : { limit };
  }
  switch (own(raw, 'reason')) {
    case 'saved_token_expired':
      return { reason: 'saved_token_expired' };
    case 'not_json': {
      const problem = text(own(raw, 'problem'), MAX_PROBLEM);
      return problem === undefined ? undefined : { reason: 'not_json', problem };
    }
    case 'app_policy': {
      const setting = text(own(raw, 'setting'), MAX_PATH);
      return setting === undefined ? undefined : { reason: 'app_policy', setting };
    }
    case 'scope_not_allowed':
    case 'missing_scopes': {
      const reason = own(raw, 'reason') as 'scope_not_allowed' | 'missing_scopes';
      const scopes = own(raw, 'scopes');
      if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) return undefined;
      return { reason, scopes: scopes.slice(0, 64).map((s) => text(s, MAX_PATH)!) };
    }
    case 'rate_limited': {
      const [limit, perSeconds, retryAfterSeconds] = ['limit', 'perSeconds', 'retryAfterSeconds'].map((k) =>
        own(raw, k),
      );
      if (!isCount(limit) || !isCount(perSeconds) || !isCount(retryAfterSeconds)) return undefined;
      return { reason: 'rate_limited', limit, perSeconds, retryAfterSeconds };
    }
    case 'needs_user_activation':
      return { reason: 'needs_user_activation' };
    default:
      return undefined;
  }
}

export class HostError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly path: string | undefined;
  readonly details: DetailsFor<C> | undefined;

  constructor(code: C, message: string, options: HostErrorOptions<C> = {}) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.path = options.path;
    this.details = options.details;
  }

  toJSON(): HostErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  /**
   * The error a transport answered with. Whatever arrives (another version's host, a broken proxy, a hostile
   * page in between), the result is a well-formed HostError: unknown codes become `internal`, and details
   * that do not fit the code are dropped.
   */
  static from(shape: unknown): HostError {
    if (!isRecord(shape)) return new HostError('internal', 'the host answered with a malformed error');
    const raw = own(shape, 'code');
    const code: ErrorCode = (ERROR_CODES as readonly unknown[]).includes(raw)
      ? (raw as ErrorCode)
      : 'internal';
    const message = text(own(shape, 'message'), MAX_MESSAGE) ?? 'the host gave no message';
    const path = text(own(shape, 'path'), MAX_PATH);
    return new HostError(code, message, { path, details: readDetails(code, own(shape, 'details')) });
  }
}

/** What crosses a transport: never a thrown error, always one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: HostErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: HostErrorShape): Result<never> => ({ ok: false, error });

/**
 * Checks a Result as a transport received it. A value is passed on as it came (each method's caller reads its
 * own shape); an error is rebuilt through HostError.from, so nothing unchecked reaches the renderer.
 */
export function readResult(raw: unknown): Result<unknown> {
  if (isRecord(raw) && own(raw, 'ok') === true) return { ok: true, value: own(raw, 'value') ?? null };
  if (isRecord(raw) && own(raw, 'ok') === false) return fail(HostError.from(own(raw, 'error')).toJSON());
  return fail({ code: 'internal', message: 'the host answered with something that is not a result' });
}
