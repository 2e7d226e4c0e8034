/**
 * Remember me: saving a session in the vault, restoring remembered sign-ins on launch, and forgetting them.
 * Restore shows the cached user at once, then refreshes and re-reads the profile in the background; offline
 * keeps the cached sign-in; a grant the provider no longer knows signs out with the reason, said once.
 */
import type { UserProfile, VaultInfo } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenVault } from '../vault/token-vault.ts';
import { isTransient } from './errors.ts';
import type { AuthPorts, ProviderSlot } from './provider-slot.ts';
import type { TokenSet } from './providers/types.ts';
import type { TokenSession } from './token-session.ts';

export interface RememberHost {
  changed(p: ProviderSlot): void;
  startSession(
    p: ProviderSlot,
    tokens: TokenSet,
    user: UserProfile | null,
    groups: string[] | null,
    signedInAt: number,
  ): TokenSession;
}

export class RememberedSessions {
  readonly #ports: AuthPorts;
  readonly #host: RememberHost;
  #vault: TokenVault | null = null;

  constructor(ports: AuthPorts, host: RememberHost) {
    this.#ports = ports;
    this.#host = host;
  }

  attach(vault: TokenVault): void {
    this.#vault = vault;
  }

  #need(): TokenVault {
    if (!this.#vault)
      throw new HostError('unavailable', 'remembered sign-ins are not available in this host');
    return this.#vault;
  }

  status(): VaultInfo {
    return this.#need().status();
  }

  /** Saves the session in the vault; a vault that cannot keep it (no keychain) is reported, not fatal. */
  async save(p: ProviderSlot): Promise<void> {
    const session = p.session;
    if (!session) return;
    if (!this.#vault) {
      p.rememberProblem = 'remembered sign-ins are not available in this host';
      return;
    }
    try {
      await this.#vault.save({
        providerId: p.runtime.settings.id,
        binding: p.runtime.binding,
        tokens: session.tokens,
        user: session.user,
        groups: session.groups,
        signedInAt: session.signedInAt,
        fetchUser: p.fetchUser,
        fetchGroups: p.fetchGroups,
      });
      p.rememberProblem = undefined;
    } catch (error) {
      p.rememberProblem =
        error instanceof HostError ? error.message : `could not save: ${(error as Error).message}`;
      this.#ports.log.warn(`latchkey: ${p.runtime.settings.id}: ${p.rememberProblem}`);
    }
  }

  async forget(p: ProviderSlot): Promise<void> {
    await this.#vault?.remove(p.runtime.settings.id).catch((error: unknown) => {
      this.#ports.log.warn(
        `latchkey: ${p.runtime.settings.id}: could not remove the remembered sign-in: ${(error as Error).message}`,
      );
    });
  }

  /**
   * Restore on launch: every remembered sign-in shows as signed in at once from its cached profile. No key
   * derivation on this path: one keychain call unwraps the vault key, then AES-GCM per entry.
   */
  async restore(providers: ProviderSlot[]): Promise<void> {
    if (!this.#vault) return;
    const records = await this.#vault.load();
    for (const record of records) {
      const p = providers.find((q) => q.runtime.settings.id === record.providerId);
      if (!p || p.runtime.binding !== record.binding) {
        // The provider was removed or reconfigured: its tokens belong to something else now.
        await this.#vault.remove(record.providerId).catch(() => {});
        continue;
      }
      if (p.session) continue;
      p.remember = true;
      p.restored = true;
      p.fetchUser = record.fetchUser;
      p.fetchGroups = record.fetchGroups;
      const session = this.#host.startSession(
        p,
        record.tokens,
        record.user,
        record.groups,
        record.signedInAt,
      );
      this.#ports.emit('auth.signedIn', { providerId: p.runtime.settings.id, user: record.user });
      this.#host.changed(p);
      void this.#revalidate(p, session);
    }
  }

  async #revalidate(p: ProviderSlot, session: TokenSession): Promise<void> {
    try {
      // A refresh here has already been saved by the session; only a re-read profile needs saving.
      const tokens = await session.fresh();
      if (p.session !== session || (!p.fetchUser && !p.fetchGroups)) return;
      if (p.fetchUser) session.user = await p.runtime.fetchUser(tokens);
      if (p.fetchGroups) session.groups = await p.runtime.fetchGroups(tokens);
      await this.save(p);
      this.#host.changed(p);
    } catch (error) {
      if (p.session !== session) return; // signed out meanwhile (invalid_grant says why itself)
      if (isTransient(error)) {
        // Offline or 5xx: signed in from the cache; the refresh retries with back-off.
        this.#ports.log.warn(
          `latchkey: ${p.runtime.settings.id}: could not revalidate the remembered sign-in: ${(error as Error).message}`,
        );
        return;
      }
      // The provider answered, but not with this user (a 401 on the profile): say so once, plainly.
      p.revalidateProblem = `${p.runtime.settings.name} did not confirm this remembered sign-in (${(error as Error).message}); sign in again if something does not work`;
      this.#host.changed(p);
    }
  }

  async forgetAll(providers: ProviderSlot[]): Promise<void> {
    await this.#vault?.clear();
    for (const p of providers) {
      p.remember = false;
      if (p.session) this.#host.changed(p);
    }
  }

  async setAllowWeakProtection(allow: boolean, providers: ProviderSlot[]): Promise<VaultInfo> {
    const vault = this.#need();
    await vault.setAllowWeakProtection(allow);
    for (const p of providers) if (p.session) this.#host.changed(p);
    return vault.status();
  }
}
