/**
 * Profile fields are capped before they reach the vault: a provider that answers with a 50 MB name must not
 * make vault.json 67 MB, rewritten on every save. Words are cut (with "…"), an avatar URL too long to be one
 * is dropped (a cut URL would be broken), and an id too long to be real drops the cached profile (restore
 * reads the profile again from the provider).
 */
import type { UserProfile } from '../../shared/auth-types.ts';

/** Longest name, e-mail, login or note kept, in UTF-16 code units. */
export const MAX_PROFILE_TEXT = 1024;
/** Longest avatar URL kept (a data: URL of a small picture fits). */
export const MAX_AVATAR_URL = 64 * 1024;

const cut = (v: string | undefined): string | undefined =>
  v === undefined || v.length <= MAX_PROFILE_TEXT ? v : `${v.slice(0, MAX_PROFILE_TEXT - 1)}…`;

export function capProfile(user: UserProfile | null): UserProfile | null {
  if (user === null) return null;
  if (typeof user.id !== 'string' || user.id.length > MAX_PROFILE_TEXT) return null;
  const capped: UserProfile = { ...user };
  for (const field of ['name', 'email', 'login', 'emailUnavailable'] as const) {
    if (typeof capped[field] === 'string') capped[field] = cut(capped[field]);
  }
  if (typeof capped.avatarUrl === 'string' && capped.avatarUrl.length > MAX_AVATAR_URL)
    delete capped.avatarUrl;
  return capped;
}
