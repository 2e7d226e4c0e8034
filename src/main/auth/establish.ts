/**
 * What a new sign-in reads before it becomes a session: the user and groups, as asked. Groups the provider
 * will not show (GitHub: a 403 or 404 on teams) do not stop the sign-in; they are said instead.
 */
import type { UserGroup, UserProfile } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Attempt } from './attempt.ts';
import { GroupsNotInToken } from './profile-claims.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';

export interface Profile {
  user: UserProfile | null;
  groups: UserGroup[] | null;
  groupsUnavailable?: string | undefined;
}

export async function readProfile(
  runtime: ProviderRuntime,
  attempt: Attempt,
  tokens: TokenSet,
  want: { fetchUser: boolean; fetchGroups: boolean },
): Promise<Profile> {
  const user = want.fetchUser ? await runtime.fetchUser(tokens) : null;
  attempt.check();
  if (!want.fetchGroups) return { user, groups: null };
  let groupsUnavailable: string | undefined;
  const groups = await runtime.fetchGroups(tokens).catch((error: unknown) => {
    const notShared =
      error instanceof GroupsNotInToken ||
      (error instanceof HostError && (error.code === 'forbidden' || error.code === 'not_found'));
    if (!notShared) throw error;
    groupsUnavailable = `${runtime.settings.name} did not share the groups (${error.message})`;
    return null;
  });
  attempt.check();
  return { user, groups, groupsUnavailable };
}
