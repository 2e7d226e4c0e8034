/**
 * Flet's saved token (`page.auth.token.to_json()` / `OAuthToken.from_json()`), both ways.
 *
 * Flet's `OAuthToken` has the fields access_token, scope, token_type, expires_in, expires_at, refresh_token, in
 * that order; `to_json()` writes compact JSON (`separators=(",", ":")`) and drops every `None` field, and
 * `scope` is a list (it comes from oauthlib). `from_json()` is `OAuthToken(**json.loads(data))`, so an
 * unknown field makes Flet raise: the export writes exactly those fields and nothing else.
 */
import type { FletToken } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenSet } from './providers/types.ts';

// Checked by hand, not with zod: this module is on the sign-in service's start-up path.
const refuse = (field: string, message: string): never => {
  throw new HostError('invalid_argument', `not a token in Flet's shape (${field}: ${message})`);
};

/** An optional field: absent or `null` (what `json.dumps` writes for `None` without Flet's encoder). */
function optional<T>(t: Record<string, unknown>, field: string, check: (v: unknown) => v is T, what: string) {
  const v = t[field];
  if (v === undefined || v === null) return undefined;
  return check(v) ? v : refuse(field, what);
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isScope = (v: unknown): v is string | string[] =>
  typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/** What an imported token says, in Latchkey's terms (times in epoch milliseconds). */
export type ImportedToken = Omit<TokenSet, 'idToken' | 'idTokenClaims'>;

export function parseFletToken(json: string, now: number): ImportedToken {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new HostError('invalid_argument', "not a token in Flet's shape: the text is not JSON");
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return refuse('the token', 'must be a JSON object');
  const r = raw as Record<string, unknown>;
  if (typeof r.access_token !== 'string') refuse('access_token', 'must be a string');
  if (r.access_token === '') refuse('access_token', 'must not be empty');
  const t = {
    access_token: r.access_token as string,
    scope: optional(r, 'scope', isScope, 'must be a list of scopes or a space-separated string'),
    token_type: optional(r, 'token_type', isString, 'must be a non-empty string'),
    expires_in: optional(r, 'expires_in', isCount, 'must be a number of seconds, 0 or more'),
    expires_at: optional(r, 'expires_at', isTime, 'must be a positive number of seconds since 1970'),
    refresh_token: optional(r, 'refresh_token', isString, 'must be a non-empty string'),
  };
  const expiresAt =
    t.expires_at !== undefined
      ? t.expires_at * 1000
      : t.expires_in !== undefined
        ? now + t.expires_in * 1000
        : undefined;
  const scopes = Array.isArray(t.scope) ? t.scope : (t.scope ?? '').split(/[ ,]+/);
  return {
    accessToken: t.access_token,
    // OAuthToken's token_type is optional; OAuth 2.0 tokens without one are bearer tokens.
    tokenType: t.token_type ?? 'Bearer',
    refreshToken: t.refresh_token,
    expiresAt,
    issuedAt: Math.min(now, expiresAt ?? now),
    scopes: scopes.filter(Boolean),
  };
}

/** The token as Flet's `to_json()` writes it: same field order, compact, no absent fields, scope a list. */
export function toFletTokenJson(tokens: TokenSet, now: number): string {
  const flet: FletToken = {
    access_token: tokens.accessToken,
    scope: tokens.scopes,
    token_type: tokens.tokenType,
    ...(tokens.expiresAt === undefined
      ? {}
      : {
          // oauthlib gives expires_in as an int and expires_at as time.time() + expires_in (a float).
          expires_in: Math.max(0, Math.round((tokens.expiresAt - now) / 1000)),
          expires_at: tokens.expiresAt / 1000,
        }),
    ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
  };
  return JSON.stringify(flet);
}
