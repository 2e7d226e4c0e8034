/**
 * One signed-in provider: its tokens, user and groups, and the refresh that keeps the access token fresh.
 * - One refresh in flight, however many callers ask.
 * - Refreshed ahead of expiry (see scheduling.ts), once per token, on a timer that keeps delays past
 *   2^31−1 ms (a 30-day token); the rotated refresh token is persisted before it is used.
 * - Network errors and 5xx keep the session and retry with back-off; invalid_grant ends the session.
 */
import * as client from 'openid-client';
import type { AuthState, UserGroup, UserProfile } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import { SingleFlight, Timer } from '../async.ts';
import { explainNetworkFailure } from '../net/network-problem.ts';
import { isTransient } from './errors.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { backoffDelay, refreshDueAt } from './scheduling.ts';
import { fingerprint, toTokenSet } from './tokens.ts';
import { groupNames } from './profile-claims.ts';

const EXPIRED = 'the access token expired and the provider gave no refresh token; sign in again';

export interface SessionHooks {
  now(): number;
  /** Persist before the new tokens are used (the vault, in the remember-me issue). */
  persist(session: TokenSession): Promise<void>;
  /** The provider refused the refresh token: end this session with the reason. */
  invalidated(reason: string): void;
  changed(): void;
  /** A refresh has started (its outcome comes as `changed` or `invalidated`). */
  refreshing?(): void;
  log: Pick<Console, 'warn'>;
}

export class TokenSession {
  readonly runtime: ProviderRuntime;
  tokens: TokenSet;
  user: UserProfile | null;
  groups: UserGroup[] | null;
  readonly signedInAt: number;
  refreshProblem: string | undefined;

  readonly #hooks: SessionHooks;
  readonly #refresh = new SingleFlight(() => this.#refreshNow());
  readonly #timer: Timer;
  #failures = 0;
  #ended = false;

  constructor(
    runtime: ProviderRuntime,
    tokens: TokenSet,
    user: UserProfile | null,
    groups: UserGroup[] | null,
    hooks: SessionHooks,
    signedInAt = hooks.now(),
  ) {
    this.runtime = runtime;
    this.tokens = tokens;
    this.user = user;
    this.groups = groups;
    this.signedInAt = signedInAt;
    this.#hooks = hooks;
    this.#timer = new Timer(hooks);
    this.#schedule();
  }

  state(): Omit<
    Extract<AuthState, { status: 'signedIn' }>,
    'remembered' | 'rememberProblem' | 'restored' | 'accountId'
  > {
    return {
      status: 'signedIn',
      user: this.user,
      groups: this.groups,
      groupNames: groupNames(this.groups),
      tokenType: this.tokens.tokenType,
      scopes: this.tokens.scopes,
      expiresAt: this.tokens.expiresAt ?? null,
      fingerprint: fingerprint(this.tokens.accessToken),
      hasRefreshToken: Boolean(this.tokens.refreshToken),
      refreshProblem: this.refreshProblem,
      signedInAt: this.signedInAt,
    };
  }

  needsRefresh(): boolean {
    const due = refreshDueAt(this.tokens.issuedAt, this.tokens.expiresAt);
    return due !== null && this.#hooks.now() >= due;
  }

  /**
   * A fresh access token: refreshed first when it is expired or about to be. A token without a refresh
   * token is handed out until it really expires (as Flet does); after that the sign-in has ended.
   */
  async fresh(): Promise<TokenSet> {
    if (!this.tokens.refreshToken) {
      if (!this.#expired()) return this.tokens;
      this.#hooks.invalidated(EXPIRED);
      throw new HostError('forbidden', EXPIRED);
    }
    if (!this.needsRefresh()) return this.tokens;
    return this.refresh();
  }

  #expired(): boolean {
    return this.tokens.expiresAt !== undefined && this.#hooks.now() >= this.tokens.expiresAt;
  }

  refresh(): Promise<TokenSet> {
    if (this.#ended) return Promise.reject(new HostError('unavailable', 'this sign-in has ended'));
    return this.#refresh.run();
  }

  async #refreshNow(): Promise<TokenSet> {
    const refreshToken = this.tokens.refreshToken;
    if (refreshToken) this.#hooks.refreshing?.();
    if (!refreshToken) {
      if (this.#expired()) this.#hooks.invalidated(EXPIRED);
      throw new HostError('unsupported', 'the provider gave no refresh token; sign in again to renew access');
    }
    let response;
    try {
      // Discovery is inside: a provider unreachable at launch is "offline", not a reason to sign out.
      const config = await this.runtime.configuration();
      response = await client.refreshTokenGrant(config, refreshToken);
    } catch (error) {
      if (this.#ended) throw new HostError('cancelled', 'signed out during the refresh');
      if (isTransient(error)) {
        this.#failures++;
        const problem = explainNetworkFailure(error)?.message ?? (error as Error).message;
        this.refreshProblem = `The token could not be refreshed: ${problem} Still signed in, retrying shortly.`;
        this.#hooks.log.warn(
          `latchkey: ${this.runtime.settings.id}: token refresh failed, will retry: ${(error as Error).message}`,
        );
        this.#retryLater();
        this.#hooks.changed();
        throw new HostError(
          'unavailable',
          `the provider could not be reached to refresh the token; retrying (${(error as Error).message})`,
        );
      }
      // The provider's own words where it gives them (GitHub: bad_refresh_token with its description).
      const body = error instanceof client.ResponseBodyError ? error : undefined;
      const said = body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : '';
      const reason =
        body?.error === 'invalid_grant'
          ? `the provider no longer accepts this sign-in (${said}); sign in again`
          : body
            ? `the provider refused to refresh the token (${said}); sign in again`
            : `refreshing the token failed: ${(error as Error).message}`;
      this.#hooks.invalidated(reason);
      throw new HostError('forbidden', reason);
    }
    const next = toTokenSet(response, this.#hooks.now(), this.tokens);
    if (this.#ended) throw new HostError('cancelled', 'signed out during the refresh');
    this.tokens = next;
    try {
      // The provider may already have retired the old refresh token: keep the new one before anyone uses it.
      await this.#hooks.persist(this);
    } catch (error) {
      // The session still holds the new tokens in memory; only a restart would lose them.
      this.#hooks.log.warn(
        `latchkey: ${this.runtime.settings.id}: could not save the refreshed tokens: ${(error as Error).message}`,
      );
    }
    this.#failures = 0;
    this.refreshProblem = undefined;
    this.#schedule();
    this.#hooks.changed();
    return next;
  }

  /** When the next automatic refresh is due (epoch ms), or null when none is scheduled. */
  get nextRefreshAt(): number | null {
    return this.#timer.at;
  }

  #schedule(): void {
    this.#timer.cancel();
    if (this.#ended) return;
    if (!this.tokens.refreshToken) {
      // Nothing can renew it: when it expires, the card says so (signed out with the reason).
      const at = this.tokens.expiresAt;
      if (at !== undefined) this.#timer.fireAt(at, () => this.#hooks.invalidated(EXPIRED));
      return;
    }
    const due = refreshDueAt(this.tokens.issuedAt, this.tokens.expiresAt);
    if (due !== null) this.#timer.fireAt(due, () => void this.refresh().catch(() => {}));
  }

  #retryLater(): void {
    if (this.#ended) return;
    this.#timer.fireIn(backoffDelay(this.#failures - 1), () => void this.refresh().catch(() => {}));
  }

  /** After a sleep or a clock jump: refresh now if it came due meanwhile, else wait the rest. */
  wake(): void {
    if (!this.#ended) this.#timer.recheck();
  }

  end(): void {
    this.#ended = true;
    this.#timer.cancel();
  }
}
