/**
 * An account's id: stable across sign-ins, restarts and token changes, derived from the provider id and the
 * identity's subject (never from a token), and revealing neither. Pure.
 */
import { createHash } from 'node:crypto';
import type { UserProfile } from '../../shared/auth-types.ts';
import type { TokenSet } from './providers/types.ts';

export { ACCOUNT_ID_PATTERN, MAX_ACCOUNTS_PER_PROVIDER } from '../../shared/account-ids.ts';

/**
 * The identity a sign-in produced, the same whether or not the profile was read: the profile's id, else
 * Microsoft's `oid` (what Graph's `/me` calls `id`; its `sub` differs per app), else the ID token's `sub`,
 * else none — a provider that cannot say who signed in holds one anonymous account.
 */
export function subjectOf(user: UserProfile | null, tokens: TokenSet): string {
  const claim = (name: string) => {
    const v = tokens.idTokenClaims?.[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  return user?.id ?? claim('oid') ?? claim('sub') ?? '';
}

/** `acct_` and 22 base64url characters of SHA-256(provider id NUL subject). */
export function accountIdOf(providerId: string, subject: string): string {
  const digest = createHash('sha256').update(`${providerId}\u0000${subject}`).digest('base64url');
  return `acct_${digest.slice(0, 22)}`;
}
