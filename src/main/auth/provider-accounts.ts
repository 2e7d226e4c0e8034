/**
 * A provider's identities: the accounts signed in with it (each an Account, one identity each), which one is
 * active, and the account the next sign-in runs in until it knows whose it is. A sign-in that turns out to
 * be an identity already here updates that account (same id, same place in the list); any other becomes a
 * new account and the active one. Calls that name no account mean the active one.
 */
import { HostError } from '../../shared/errors.ts';
import { Account, type AccountHost } from './account.ts';
import { MAX_ACCOUNTS_PER_PROVIDER } from '../../shared/account-ids.ts';
import type { ProviderRuntime } from './providers/types.ts';

export class ProviderAccounts {
  readonly runtime: ProviderRuntime;
  readonly #host: AccountHost;
  /** Signed-in identities by account id, in the order they were first added. */
  readonly #accounts = new Map<string, Account>();
  #activeId: string | null = null;
  /** A sign-in (not a restore) chose the active account: a restore that finishes later leaves it alone. */
  #chosen = false;
  /** Where sign-ins run (pending, failed, cancelled) until the provider says whose they are. */
  #next: Account;

  constructor(runtime: ProviderRuntime, host: AccountHost) {
    this.runtime = runtime;
    this.#host = host;
    this.#next = new Account(runtime, host);
  }

  get providerId(): string {
    return this.runtime.settings.id;
  }

  /** The account the next (or the current) sign-in attempt belongs to. */
  get next(): Account {
    return this.#next;
  }

  get activeId(): string | null {
    return this.#activeId;
  }

  get active(): Account | null {
    return this.#activeId === null ? null : (this.#accounts.get(this.#activeId) ?? null);
  }

  /** The signed-in accounts, in the order they were added. */
  list(): Account[] {
    return [...this.#accounts.values()];
  }

  has(accountId: string): boolean {
    return this.#accounts.has(accountId);
  }

  /** Whether another identity fits. */
  get hasRoom(): boolean {
    return this.#accounts.size < MAX_ACCOUNTS_PER_PROVIDER;
  }

  /** Refuses a new identity beyond the limit before its sign-in starts; an existing one may always sign in again. */
  requireRoom(accountId?: string): void {
    if (accountId !== undefined && this.#accounts.has(accountId)) return;
    if (this.hasRoom) return;
    throw new HostError(
      'invalid_argument',
      `${this.runtime.settings.name} already has ${MAX_ACCOUNTS_PER_PROVIDER} accounts signed in, the most it can hold. Sign out of one to add another.`,
    );
  }

  /** The named account, or the active one; `not_found` when there is none. */
  get(accountId?: string): Account {
    const id = accountId ?? this.#activeId;
    const account = id === null ? undefined : this.#accounts.get(id);
    if (account) return account;
    throw new HostError(
      'not_found',
      accountId === undefined
        ? `not signed in with "${this.providerId}"`
        : `no account "${accountId}" is signed in with "${this.providerId}"`,
    );
  }

  setActive(accountId: string): void {
    this.get(accountId);
    this.#activeId = accountId;
    this.#chosen = true;
  }

  /**
   * An account has signed in: the next account, as a new identity, joins the list (a fresh account takes
   * its place for the next sign-in); an account already listed (renewed) stays where it is. It becomes the
   * active one unless `activate` is false (more scopes for an account that is not the active one).
   */
  adopt(account: Account, activate = true): void {
    const id = account.accountId;
    if (id === null) throw new Error('adopt: the account has not signed in');
    const listed = this.#accounts.get(id);
    if (listed && listed !== account) throw new Error('adopt: another account holds this identity');
    if (!listed) this.#accounts.set(id, account);
    if (activate || this.#activeId === null) {
      this.#activeId = id;
      this.#chosen = true;
    }
    if (account === this.#next) this.#next = new Account(this.runtime, this.#host);
  }

  /** A new account of this provider, for a remembered session to be restored into. */
  fresh(): Account {
    return new Account(this.runtime, this.#host);
  }

  /**
   * A restored account joins the list (never over one signed in already, never past the limit). It becomes
   * active if it was the active one last time, unless a sign-in in this run chose another already.
   */
  restored(account: Account, active: boolean): void {
    const id = account.accountId;
    if (id === null || this.#accounts.has(id) || !this.hasRoom) return;
    this.#accounts.set(id, account);
    if (this.#activeId === null || (active && !this.#chosen)) this.#activeId = id;
  }

  /** The account is signed out: it leaves the list; the first remaining one becomes active if it was. */
  remove(account: Account): void {
    const id = account.accountId;
    if (id === null || this.#accounts.get(id) !== account) return;
    this.#accounts.delete(id);
    if (this.#activeId === id) this.#activeId = this.#accounts.keys().next().value ?? null;
    // The last one gone: the card says why it was signed out (the account that knew is gone from the list).
    const state = account.state;
    if (this.#accounts.size === 0 && state.phase === 'signedOut') this.#next.signedOutAs(state);
  }

  /** Every account, the one signing in included (for wake-ups and closing). */
  all(): Account[] {
    return [...this.#accounts.values(), this.#next];
  }
}
