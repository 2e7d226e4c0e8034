/**
 * One identity at one provider, as a state machine. The account owns its state (an immutable value,
 * replaced by each move), the attempt in flight and the token session; nothing else writes them. Each move
 * checks who may make it: only the live, current attempt may show a pending sign-in, fail it or turn it into
 * a session, so whatever a replaced or cancelled attempt started can never change state later.
 *
 *   signedOut ──begin──▶ (attempt) ──pending──▶ pending ──signIn──▶ signedIn ⇄ refreshing
 *       ▲                                 │fail/cancel                 │ signOut / invalidated
 *       └─────────────────────────────────┴────────────────────────────┘
 *   signedOut ──restore──▶ signedIn (restored)        signedIn ──signIn (again)──▶ signedIn
 *
 * Browser and device flows only produce token sets; restore, sign-in, import and refresh all end here.
 */
import type { AuthState, SignInError, UserGroup, UserProfile } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { Attempt } from './attempt.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { TokenSession } from './token-session.ts';

export type PendingView = Extract<AuthState, { status: 'pending' }>;

/** How an account came to be signed in, with what it read and whether it is remembered. */
export interface SignedIn {
  session: TokenSession;
  /** `restored`: from the vault at launch; `signIn`: a browser or device sign-in; `imported`: auth.importToken. */
  origin: 'signIn' | 'restored' | 'imported';
  fetchUser: boolean;
  fetchGroups: boolean;
  remember: boolean;
  rememberProblem?: string | undefined;
  revalidateProblem?: string | undefined;
  groupsUnavailable?: string | undefined;
}

export type AccountState =
  | {
      readonly phase: 'signedOut';
      readonly lastError?: SignInError | undefined;
      readonly reason?: string | undefined;
      readonly cancelled?: boolean | undefined;
    }
  | { readonly phase: 'pending'; readonly attempt: Attempt; readonly view: PendingView }
  | ({ readonly phase: 'signedIn' } & Readonly<SignedIn>)
  | ({ readonly phase: 'refreshing' } & Readonly<SignedIn>);

/** What a new session starts from: its tokens and profile, and how it was made. */
export interface Establish {
  /** Whose session it is (account-id.ts): fixed at the account's first sign-in. */
  accountId: string;
  tokens: TokenSet;
  user: UserProfile | null;
  groups: UserGroup[] | null;
  signedInAt: number;
  origin: SignedIn['origin'];
  fetchUser: boolean;
  fetchGroups: boolean;
  remember: boolean;
  groupsUnavailable?: string | undefined;
}

/** What an account tells its owner. Called after the move, with the new state in place. */
export interface AccountHost {
  now(): number;
  log: Logger;
  changed(account: Account): void;
  /** A sign-in attempt failed (not cancelled by the user: that is `cancel`'s to say). */
  failed(account: Account, error: SignInError): void;
  /** New tokens from a refresh: keep them (in the vault, when remembered) before they are used. */
  persist(account: Account): Promise<void>;
  /** The provider no longer accepts the session's grant. */
  invalidated(account: Account, reason: string): void;
}

const frozen = <T extends object>(value: T): T => Object.freeze(value);

export class Account {
  readonly runtime: ProviderRuntime;
  readonly #host: AccountHost;
  #state: AccountState = frozen({ phase: 'signedOut' });
  /** The attempt in flight, from `begin` until it ends; the state shows it once it is pending. */
  #attempt: Attempt | null = null;
  #accountId: string | null = null;

  constructor(runtime: ProviderRuntime, host: AccountHost) {
    this.runtime = runtime;
    this.#host = host;
  }

  get providerId(): string {
    return this.runtime.settings.id;
  }

  /** Whose account this is, from its first sign-in on; null before. */
  get accountId(): string | null {
    return this.#accountId;
  }

  get state(): AccountState {
    return this.#state;
  }

  /** The session while signed in (or refreshing), else null. */
  get session(): TokenSession | null {
    return this.#signedIn()?.session ?? null;
  }

  #signedIn(): Extract<AccountState, { phase: 'signedIn' | 'refreshing' }> | null {
    const s = this.#state;
    return s.phase === 'signedIn' || s.phase === 'refreshing' ? s : null;
  }

  #move(next: AccountState, emit = true): void {
    this.#state = frozen(next);
    if (emit) this.#host.changed(this);
  }

  #isCurrent(attempt: Attempt): boolean {
    return this.#attempt === attempt && attempt.live;
  }

  /** Whether a remembered session may be restored here: signed out, with nothing in flight. */
  get canRestore(): boolean {
    return this.#state.phase === 'signedOut' && this.#attempt === null;
  }

  /** A new attempt; whatever was in flight ends now, silently (it was replaced, not refused). */
  begin(replacedBy: string): Attempt {
    this.#attempt?.cancel(`replaced by ${replacedBy}`, true);
    const attempt = new Attempt();
    this.#attempt = attempt;
    return attempt;
  }

  /**
   * Shows the attempt as pending. A signed-in account stays signed in (its session keeps working) until the
   * new sign-in replaces it, and stays so if that one fails or is cancelled.
   */
  pending(attempt: Attempt, view: PendingView): void {
    if (!this.#isCurrent(attempt) || this.#signedIn()) return;
    this.#move({ phase: 'pending', attempt, view });
  }

  /**
   * The attempt failed: signed out with the error (a signed-in account keeps its session). Ignored unless it
   * is the live, current attempt.
   */
  fail(attempt: Attempt, error: SignInError): void {
    if (!this.#isCurrent(attempt)) return;
    this.#attempt = null;
    if (!this.#signedIn()) this.#state = frozen({ phase: 'signedOut', lastError: error });
    this.#host.failed(this, error);
    this.#host.changed(this);
  }

  /** The user cancels the attempt in flight. False when there was none. */
  cancel(): boolean {
    const attempt = this.#attempt;
    if (!attempt?.cancel('the sign-in was cancelled', false)) return false;
    this.#attempt = null;
    if (this.#signedIn()) this.touch();
    else this.#move({ phase: 'signedOut', reason: 'Sign-in cancelled', cancelled: true });
    return true;
  }

  /**
   * Signs in with new tokens: `attempt` must still be the live, current one (else `cancelled`); `null` for
   * a restore, which only a signed-out account takes. Ends any older session.
   */
  signIn(attempt: Attempt | null, from: Establish): TokenSession {
    if (attempt) {
      this.#takeBack(attempt);
    } else if (this.#state.phase !== 'signedOut' || this.#attempt) {
      throw new HostError('cancelled', 'this account is already signing in');
    }
    return this.#start(from);
  }

  /** Ends `attempt`, which must still be the live, current one (else `cancelled`). */
  #takeBack(attempt: Attempt): void {
    attempt.check();
    if (this.#attempt !== attempt) throw new HostError('cancelled', 'replaced by another sign-in');
    this.#attempt = null;
  }

  /**
   * The attempt signed in an identity another account already holds: that account takes the tokens
   * (`renew`), and this one lets the attempt go without a word (its owner says what happened).
   */
  handOver(attempt: Attempt): void {
    this.#takeBack(attempt);
    if (this.#state.phase === 'pending') this.#move({ phase: 'signedOut' }, false);
  }

  /** A new sign-in of this same identity (from another account's attempt): its tokens become the session. */
  renew(from: Establish): TokenSession {
    return this.#start(from);
  }

  /** Which account the attempt in flight is for (signing in again as it), if it names one. */
  get attemptFor(): string | undefined {
    return this.#attempt?.forAccount;
  }

  #start(from: Establish): TokenSession {
    // An account is one identity: a sign-in as someone else belongs in another account (provider-accounts.ts).
    if (this.#accountId !== null && this.#accountId !== from.accountId)
      throw new HostError('cancelled', 'signed in as another account');
    this.#accountId = from.accountId;
    this.session?.end();
    const session = new TokenSession(
      this.runtime,
      from.tokens,
      from.user,
      from.groups,
      {
        now: this.#host.now,
        log: this.#host.log,
        refreshing: () => this.#whileRefreshing(session, true),
        // A rotated refresh token is kept (in the vault, when remembered) before anyone uses it.
        persist: () => this.#host.persist(this),
        invalidated: (reason) => {
          if (this.session === session) this.#host.invalidated(this, reason);
        },
        changed: () => this.#whileRefreshing(session, false),
      },
      from.signedInAt,
    );
    this.#move({
      phase: 'signedIn',
      session,
      origin: from.origin,
      fetchUser: from.fetchUser,
      fetchGroups: from.fetchGroups,
      remember: from.remember,
      groupsUnavailable: from.groupsUnavailable,
    });
    return session;
  }

  #whileRefreshing(session: TokenSession, refreshing: boolean): void {
    const s = this.#signedIn();
    if (!s || s.session !== session) return;
    // Entering a refresh changes nothing anyone sees; its outcome (new tokens, a problem) does.
    this.#move({ ...s, phase: refreshing ? 'refreshing' : 'signedIn' }, !refreshing);
  }

  /** Updates what the signed-in state says, for `session` only (a later sign-in is left alone). */
  note(
    session: TokenSession,
    change: Partial<
      Pick<SignedIn, 'remember' | 'rememberProblem' | 'revalidateProblem' | 'fetchUser' | 'fetchGroups'>
    >,
  ): void {
    const s = this.#signedIn();
    if (!s || s.session !== session) return;
    const next = { ...s, ...change };
    if (Object.keys(change).every((k) => s[k as keyof SignedIn] === next[k as keyof SignedIn])) return;
    this.#move(next);
  }

  /**
   * Completes a pending browser sign-in with the address the user pasted from the browser; refused (the
   * attempt stays pending) unless it is exactly this attempt's redirect.
   */
  pasteRedirect(address: string): void {
    const attempt = this.#attempt;
    if (!attempt?.live || !attempt.acceptRedirect)
      throw new HostError('not_found', 'No sign-in in the browser is waiting here. Start the sign-in again.');
    attempt.acceptRedirect(address);
  }

  /** A scheme redirect the operating system delivered: taken when it is this account's live attempt's. */
  deliverRedirect(address: string): boolean {
    const attempt = this.#attempt;
    return Boolean(attempt?.live && attempt.deliverRedirect?.(address));
  }

  /** Drops the attempt without a word: an import that was refused is the caller's to report, not the card's. */
  abandon(attempt: Attempt): void {
    if (this.#attempt !== attempt) return;
    attempt.cancel('it was refused', true);
    this.#attempt = null;
    // A pending sign-in it replaced is gone too: never leave the card waiting on an attempt that has ended.
    if (this.#state.phase === 'pending') this.#move({ phase: 'signedOut' });
  }

  /** Nudges listeners for a change outside the state (the vault's status). */
  touch(): void {
    this.#host.changed(this);
  }

  /** Ends the attempt and the session; returns the session that ended, for revocation at the provider. */
  signOut(reason?: string): TokenSession | null {
    this.#attempt?.cancel('signed out', true);
    this.#attempt = null;
    const session = this.session;
    session?.end();
    this.#move({ phase: 'signedOut', ...(reason ? { reason } : {}) });
    return session;
  }

  /** Shows how another account of this provider was signed out, while this one has nothing in flight. */
  signedOutAs(state: Extract<AccountState, { phase: 'signedOut' }>): void {
    if (this.#state.phase !== 'signedOut' || this.#attempt) return;
    this.#move(state, false);
  }

  /** The app is closing: stop everything, say nothing. */
  close(): void {
    this.#attempt?.cancel('the app is closing', true);
    this.#attempt = null;
    this.session?.end();
  }
}
