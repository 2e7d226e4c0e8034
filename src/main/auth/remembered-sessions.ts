/**
 * Remember me: saving an account's session in the vault, restoring remembered sign-ins on launch, and
 * forgetting them. Restore shows the cached user at once, then refreshes and re-reads the profile in the
 * background; offline keeps the cached sign-in; a grant the provider no longer knows signs out with the
 * reason, said once. Every change of state is a move of the account.
 */
import type { VaultInfo } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { entryIdOf, type RememberedSession, type TokenVault } from '../vault/token-vault.ts';
import type { Account } from './account.ts';
import { accountIdOf, subjectOf } from './account-id.ts';
import { isTransient } from './errors.ts';
import type { ProviderAccounts } from './provider-accounts.ts';

export class RememberedSessions {
  readonly #log: Logger;
  readonly #now: () => number;
  #vault: TokenVault | null = null;
  /** Why the vault could not be opened (its folder, its lock, the keychain), in the vault's own words. */
  #unavailable: string | null = null;

  constructor(log: Logger, now: () => number) {
    this.#log = log;
    this.#now = now;
  }

  attach(vault: TokenVault): void {
    this.#vault = vault;
    this.#unavailable = null;
  }

  /** The vault could not be opened: what the user is told instead of remembering. */
  unavailable(reason: string): void {
    this.#unavailable = reason;
  }

  #why(): string {
    return this.#unavailable
      ? `Remembered sign-ins are unavailable: ${this.#unavailable}`
      : 'Remembered sign-ins are not ready yet (the key store is still being opened); try again in a moment.';
  }

  #need(): TokenVault {
    if (!this.#vault) throw new HostError('unavailable', this.#why());
    return this.#vault;
  }

  status(): VaultInfo {
    return this.#need().status();
  }

  /** Keeps the account's session in the vault when it is to be remembered, else removes it. */
  async sync(account: Account, active = false): Promise<void> {
    const s = account.state;
    if (s.phase !== 'signedIn' && s.phase !== 'refreshing') return;
    if (s.remember) await this.save(account, active);
    else await this.forget(account);
  }

  /** The provider's active account is remembered as such, so the next launch makes it active again. */
  async markActive(provider: ProviderAccounts): Promise<void> {
    const active = provider.active;
    const s = active?.state;
    if (active && s && (s.phase === 'signedIn' || s.phase === 'refreshing') && s.remember)
      await this.save(active, true);
  }

  /** When each account last became active (epoch ms), as saved: kept across saves that do not change it. */
  readonly #activeAt = new Map<string, number>();

  /** Saves the session in the vault; a vault that cannot keep it (no keychain) is reported, not fatal. */
  async save(account: Account, active = false): Promise<void> {
    const s = account.state;
    if (s.phase !== 'signedIn' && s.phase !== 'refreshing') return;
    const { session } = s;
    if (!this.#vault) return account.note(session, { rememberProblem: this.#why() });
    try {
      const entry = { providerId: account.providerId, accountId: account.accountId ?? undefined };
      if (active) this.#activeAt.set(entryIdOf(entry), this.#now());
      await this.#vault.save({
        ...entry,
        activeAt: this.#activeAt.get(entryIdOf(entry)),
        binding: account.runtime.binding,
        tokens: session.tokens,
        user: session.user,
        groups: session.groups,
        signedInAt: session.signedInAt,
        fetchUser: s.fetchUser,
        fetchGroups: s.fetchGroups,
      });
      account.note(session, { rememberProblem: undefined });
    } catch (error) {
      const problem =
        error instanceof HostError ? error.message : `could not save: ${(error as Error).message}`;
      this.#log.warn(`latchkey: ${account.providerId}: ${problem}`);
      account.note(session, { rememberProblem: problem });
    }
  }

  async forget(account: Account): Promise<void> {
    const id = entryIdOf({ providerId: account.providerId, accountId: account.accountId ?? undefined });
    this.#activeAt.delete(id);
    await this.#vault?.remove(id).catch((error: unknown) => {
      this.#log.warn(
        `latchkey: ${account.providerId}: could not remove the remembered sign-in: ${(error as Error).message}`,
      );
    });
  }

  /**
   * Restore on launch: every remembered sign-in shows as signed in at once from its cached profile. No key
   * derivation on this path: one keychain call unwraps the vault key, then AES-GCM per entry. `restored`
   * announces each one before its revalidation starts.
   */
  async restore(providers: ProviderAccounts[], restored: (account: Account) => void): Promise<void> {
    if (!this.#vault) return;
    // Entries from before several accounts go last: where the account's own entry exists, it is newer.
    const records = (await this.#vault.load()).sort(
      (a, b) => Number(a.accountId === undefined) - Number(b.accountId === undefined),
    );
    // Each provider's active account is the one that became active last.
    const active = new Map<string, RememberedSession>();
    for (const record of records) {
      const best = active.get(record.providerId);
      if (!best || (record.activeAt ?? 0) > (best.activeAt ?? 0)) active.set(record.providerId, record);
    }
    for (const record of records) {
      const provider = providers.find((p) => p.providerId === record.providerId);
      if (!provider || provider.runtime.binding !== record.binding) {
        // The provider was removed or reconfigured: its tokens belong to something else now.
        await this.#vault.remove(entryIdOf(record)).catch(() => {});
        continue;
      }
      const accountId =
        record.accountId ?? accountIdOf(record.providerId, subjectOf(record.user, record.tokens));
      // Signed in already (before the vault opened): that one wins. An entry from before several accounts
      // is that account's old copy, gone for good (its own entry is saved with the sign-in).
      if (provider.has(accountId) || !provider.hasRoom) {
        if (record.accountId === undefined) await this.#vault.remove(entryIdOf(record)).catch(() => {});
        continue;
      }
      if (record.activeAt !== undefined) this.#activeAt.set(entryIdOf(record), record.activeAt);
      const account = provider.fresh();
      let session: NonNullable<Account['session']>;
      try {
        session = account.signIn(null, {
          accountId,
          tokens: record.tokens,
          user: record.user,
          groups: record.groups,
          signedInAt: record.signedInAt,
          origin: 'restored',
          fetchUser: record.fetchUser,
          fetchGroups: record.fetchGroups,
          remember: true,
        });
      } catch (error) {
        // One record that cannot be restored never keeps the others from it.
        this.#log.warn(`latchkey: ${account.providerId}: not restored: ${(error as Error).message}`);
        continue;
      }
      provider.restored(account, active.get(record.providerId) === record);
      restored(account);
      // Saved before a provider held several accounts: kept under the account's own entry from now on.
      if (record.accountId === undefined) void this.#migrate(account, record);
      void this.#revalidate(account, session);
    }
  }

  async #migrate(account: Account, record: RememberedSession): Promise<void> {
    await this.save(account, true);
    await this.#vault?.remove(entryIdOf(record)).catch(() => {});
  }

  async #revalidate(account: Account, session: NonNullable<Account['session']>): Promise<void> {
    try {
      // A refresh here has already been saved by the session; only a re-read profile needs saving.
      const tokens = await session.fresh();
      const s = account.state;
      if (account.session !== session || s.phase === 'signedOut' || s.phase === 'pending') return;
      if (!s.fetchUser && !s.fetchGroups) return;
      if (s.fetchUser) session.user = await account.runtime.fetchUser(tokens);
      if (s.fetchGroups) session.groups = await account.runtime.fetchGroups(tokens);
      if (account.session !== session) return;
      await this.save(account);
      account.touch();
    } catch (error) {
      if (account.session !== session) return; // signed out meanwhile (invalid_grant says why itself)
      if (isTransient(error)) {
        // Offline or 5xx: signed in from the cache; the refresh retries with back-off.
        this.#log.warn(
          `latchkey: ${account.providerId}: could not revalidate the remembered sign-in: ${(error as Error).message}`,
        );
        return;
      }
      // The provider answered, but not with this user (a 401 on the profile): say so once, plainly.
      account.note(session, {
        revalidateProblem: `${account.runtime.settings.name} did not confirm this remembered sign-in (${(error as Error).message}); sign in again if something does not work`,
      });
    }
  }

  async forgetAll(accounts: Account[]): Promise<void> {
    await this.#vault?.clear();
    for (const account of accounts) {
      const session = account.session;
      if (session) account.note(session, { remember: false });
    }
  }

  async setAllowWeakProtection(allow: boolean, accounts: Account[]): Promise<VaultInfo> {
    const vault = this.#need();
    await vault.setAllowWeakProtection(allow);
    for (const account of accounts) if (account.session) account.touch();
    return vault.status();
  }
}
