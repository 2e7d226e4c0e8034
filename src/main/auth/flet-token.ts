/**
 * Flet's saved token (`page.auth.token.to_json()` / `OAuthToken.from_json()`), both ways.
 *
 * Flet's `OAuthToken` has the fields access_token, scope, token_type, expires_in, expires_at, refresh_token, in
 * that order; `to_json()` writes compact JSON (`separators=(",", ":")`) and drops every `None` field, and
 * `scope` is a list (it comes from oauthlib). `from_json()` is `OAuthToken(**json.loads(data))`, so an
 * unknown field makes Flet raise: the export writes exactly those fields and nothing else.
 */
import { z } from 'zod';
import type { FletToken } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenSet } from './providers/types.ts';

/** Optional fields may be absent or `null` (what `json.dumps` writes for `None` without Flet's encoder). */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();

const FletTokenSchema = z.object({
  access_token: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
  scope: optional(
    z.union([z.array(z.string()), z.string()], {
      error: 'must be a list of scopes or a space-separated string',
    }),
  ),
  token_type: optional(z.string().min(1)),
  expires_in: optional(z.number().nonnegative()),
  expires_at: optional(z.number().positive()),
  refresh_token: optional(z.string().min(1)),
});

/** What an imported token says, in Latchkey's terms (times in epoch milliseconds). */
export type ImportedToken = Omit<TokenSet, 'idToken' | 'idTokenClaims'>;

export function parseFletToken(json: string, now: number): ImportedToken {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new HostError('invalid_argument', "not a token in Flet's shape: the text is not JSON");
  }
  const parsed = FletTokenSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the token';
    throw new HostError('invalid_argument', `not a token in Flet's shape (${where}: ${issue?.message})`);
  }
  const t = parsed.data;
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
