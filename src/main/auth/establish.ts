/**
 * Turning new tokens into a signed-in session: read the user and groups, then — only if the attempt is
 * still the provider's live one — start the session, remember it (or not), and say so.
 */
import type { UserProfile } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Attempt } from './attempt.ts';
import type { AuthPorts, ProviderSlot, SignInOptions } from './provider-slot.ts';
import type { TokenSet } from './providers/types.ts';
import type { RememberedSessions } from './remembered-sessions.ts';
import { TokenSession } from './token-session.ts';

export interface SessionHost {
  ports: AuthPorts;
  remembered(): RememberedSessions;
  changed(p: ProviderSlot): void;
  /** The provider refused the refresh token: sign out with the reason (no revocation). */
  signOut(providerId: string, reason: string): void;
}

export async function establishSession(
  host: SessionHost,
  p: ProviderSlot,
  attempt: Attempt,
  tokens: TokenSet,
  options: SignInOptions,
): Promise<void> {
  const { runtime } = p;
  const wantUser = options.fetchUser ?? runtime.flow.fetchUser;
  const wantGroups = options.fetchGroups ?? runtime.flow.fetchGroups;
  const user = wantUser ? await runtime.fetchUser(tokens) : null;
  attempt.check();
  let groups: string[] | null = null;
  let groupsUnavailable: string | undefined;
  if (wantGroups) {
    // Groups the provider will not show (GitHub: a 403 or 404 on teams) do not stop the sign-in.
    groups = await runtime.fetchGroups(tokens).catch((error: unknown) => {
      if (!(error instanceof HostError) || (error.code !== 'forbidden' && error.code !== 'not_found'))
        throw error;
      groupsUnavailable = `${runtime.settings.name} did not share the groups (${error.message})`;
      return null;
    });
  }
  attempt.check();
  if (p.attempt !== attempt) throw new HostError('cancelled', 'replaced by another sign-in');
  p.attempt = null;
  p.session?.end();
  p.fetchUser = wantUser;
  p.fetchGroups = wantGroups;
  p.restored = false;
  p.revalidateProblem = undefined;
  p.groupsUnavailable = groupsUnavailable;
  p.remember = options.rememberMe ?? true;
  p.rememberProblem = undefined;
  startSession(host, p, tokens, user, groups, host.ports.now());
  if (p.remember) await host.remembered().save(p);
  else await host.remembered().forget(p);
  host.ports.emit('auth.signedIn', { providerId: runtime.settings.id, user });
  host.changed(p);
  host.ports.bringToFront();
}

export function startSession(
  host: SessionHost,
  p: ProviderSlot,
  tokens: TokenSet,
  user: UserProfile | null,
  groups: string[] | null,
  signedInAt: number,
): TokenSession {
  const id = p.runtime.settings.id;
  const session = new TokenSession(
    p.runtime,
    tokens,
    user,
    groups,
    {
      now: host.ports.now,
      // A rotated refresh token is in the vault before anyone uses it.
      persist: () => (p.remember ? host.remembered().save(p) : Promise.resolve()),
      invalidated: (reason) => host.signOut(id, reason),
      changed: () => host.changed(p),
      log: host.ports.log,
    },
    signedInAt,
  );
  p.session = session;
  return session;
}
