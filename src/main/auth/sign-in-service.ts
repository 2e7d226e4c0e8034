/**
 * Sign-in for every configured provider at once, each independent. Each provider's identity is an Account
 * (account.ts): a state machine that owns its state, its attempt in flight and its token session. This
 * service routes calls to accounts, runs the flows (which only produce token sets: browser-flow.ts,
 * device-flow.ts, flet-token.ts) and ends them in the account's moves, and turns the accounts' changes into
 * events. Remember me is remembered-sessions.ts; the provider's side of sign-out is sign-out.ts.
 * Electron-free: the host passes ports to open the browser, bring the window forward, and tell the time.
 */
import type {
  AuthenticatedResponse,
  AuthState,
  DeviceAuthorization,
  ProvidersOverview,
  SignInError,
  VaultInfo,
} from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenVault } from '../vault/token-vault.ts';
import { Account, type AccountHost, type Establish } from './account.ts';
import type { Attempt } from './attempt.ts';
import { sendAuthenticated, type AuthenticatedRequest } from './authenticated-request.ts';
import { startBrowserFlow } from './browser-flow.ts';
import type { LoadedConfig } from './config/types.ts';
import { startDeviceFlow } from './device-flow.ts';
import { toSignInError } from './errors.ts';
import { readProfile } from './establish.ts';
import { parseFletToken, toFletTokenJson } from './flet-token.ts';
import { confirmImported } from './import-policy.ts';
import type { AuthPorts, SignInOptions } from './ports.ts';
import { authState, providerInfo } from './provider-info.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { RememberedSessions } from './remembered-sessions.ts';
import { requireAllowedScopes } from './scope-policy.ts';
import { signOutAtProvider } from './sign-out.ts';
import type { TokenSession } from './token-session.ts';
import { uniqueScopes } from './tokens.ts';

export type { AuthPorts, SignInOptions } from './ports.ts';

/** What a provider offers beyond sign-in, learned from its metadata after start-up. */
interface Offers {
  deviceFlow: boolean;
  example: { label: string; url: string } | null;
}

export class SignInService {
  readonly #accounts = new Map<string, Account>();
  readonly #offers = new Map<string, Offers>();
  readonly #ports: AuthPorts;
  readonly #config: LoadedConfig;
  readonly #remembered: RememberedSessions;

  constructor(config: LoadedConfig, runtimes: ProviderRuntime[], ports: AuthPorts) {
    this.#config = config;
    this.#ports = ports;
    this.#remembered = new RememberedSessions(ports.log);
    const host: AccountHost = {
      now: ports.now,
      log: ports.log,
      changed: (account) => ports.emit('auth.changed', { providerId: account.providerId }),
      failed: (account, error) =>
        ports.emit('auth.signInFailed', { providerId: account.providerId, ...error }),
      persist: (account) => this.#remembered.sync(account),
      // The provider refused the refresh token: signed out with the reason, nothing to revoke.
      invalidated: (account, reason) => void this.signOut(account.providerId, reason, { revoke: false }),
    };
    for (const runtime of runtimes) this.#accounts.set(runtime.settings.id, new Account(runtime, host));
  }

  /**
   * Learns what each provider offers (device flow, an example API call) from its metadata, in the
   * background. Called once the app is up, so discovery (and the demo provider) stay off the start-up path.
   */
  prefetch(): void {
    for (const account of this.#accounts.values()) this.#learnOffers(account);
  }

  /** A provider that could not be asked (down at launch) is asked again after a sign-in with it works. */
  #learnOffers(account: Account): void {
    const { runtime } = account;
    void Promise.all([runtime.supportsDevice(), runtime.exampleRequest()])
      .then(([deviceFlow, example]) => {
        this.#offers.set(account.providerId, { deviceFlow, example });
        account.touch();
      })
      .catch(() => {});
  }

  overview(): ProvidersOverview {
    return {
      providers: [...this.#accounts.values()].map((a) => {
        const offers = this.#offers.get(a.providerId);
        return providerInfo(a.runtime, a.state, offers?.deviceFlow ?? false, offers?.example ?? null);
      }),
      problems: this.#config.problems,
      source: this.#config.source,
    };
  }

  #account(id: string): Account {
    const account = this.#accounts.get(id);
    if (!account) throw new HostError('not_found', `no sign-in provider with id "${id}"`);
    return account;
  }

  async #scopes(runtime: ProviderRuntime, options: SignInOptions): Promise<string[]> {
    requireAllowedScopes(runtime.settings.name, runtime.flow.allowedExtraScopes, options.scopes);
    return runtime
      .scopes({
        fetchUser: options.fetchUser ?? runtime.flow.fetchUser,
        fetchGroups: options.fetchGroups ?? runtime.flow.fetchGroups,
        extra: [...runtime.flow.extraScopes, ...(options.scopes ?? [])],
      })
      .then(uniqueScopes);
  }

  /** Runs the start of a flow; a failure there is shown on the card and answered as a typed error. */
  async #starting<T>(account: Account, attempt: Attempt, start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (error) {
      const e = toSignInError(error);
      account.fail(attempt, e);
      throw error instanceof HostError ? error : new HostError('unavailable', e.errorDescription);
    }
  }

  /**
   * New tokens become the account's session: read the profile, then (only if the attempt is still the
   * account's live one) sign in, remember it or not, and say so.
   */
  async #establish(
    account: Account,
    attempt: Attempt,
    tokens: TokenSet,
    options: SignInOptions,
    origin: Establish['origin'] = 'signIn',
  ): Promise<void> {
    const { runtime } = account;
    const want = {
      fetchUser: options.fetchUser ?? runtime.flow.fetchUser,
      fetchGroups: options.fetchGroups ?? runtime.flow.fetchGroups,
    };
    const profile = await readProfile(runtime, attempt, tokens, want);
    const from: Establish = {
      tokens,
      ...profile,
      ...want,
      signedInAt: this.#ports.now(),
      origin,
      remember: options.rememberMe ?? true,
    };
    const session = account.signIn(attempt, from);
    if (!this.#offers.has(account.providerId)) this.#learnOffers(account);
    await this.#remembered.sync(account);
    // Signed out (or in again) while the vault was saving: this sign-in is not news any more.
    if (account.session !== session) return;
    this.#ports.emit('auth.signedIn', { providerId: account.providerId, user: profile.user });
    this.#ports.bringToFront();
  }

  /** Waits for a flow's tokens and ends the attempt with them; resolves with the error it failed with. */
  async #complete(
    account: Account,
    attempt: Attempt,
    tokens: Promise<TokenSet>,
    options: SignInOptions,
  ): Promise<SignInError | null> {
    try {
      await this.#establish(account, attempt, await tokens, options);
      return null;
    } catch (error) {
      const e = toSignInError(error);
      // Only the live attempt reports: a cancelled one was reported when it was cancelled.
      account.fail(attempt, e);
      return e;
    }
  }

  /** Starts the browser sign-in. Resolves once the authorization URL is ready; completion comes as events. */
  async signIn(
    providerId: string,
    options: SignInOptions = {},
  ): Promise<{ authorizationUrl: string; openedByHost: boolean }> {
    const account = this.#account(providerId);
    const attempt = account.begin('a new sign-in attempt');
    const flow = await this.#starting(account, attempt, async () => {
      const scopes = await this.#scopes(account.runtime, options);
      attempt.check();
      return startBrowserFlow(account.runtime, attempt, scopes, {
        now: this.#ports.now,
        pages: { ...this.#config, returnToApp: this.#ports.returnToApp },
        redirectScheme: this.#ports.redirectScheme,
      });
    });
    account.pending(attempt, flow.pending);
    void this.#complete(account, attempt, flow.tokens, options).then((error) => flow.respond(error));
    const openedByHost = await this.#ports.openExternal(flow.authorizationUrl).catch(() => false);
    return { authorizationUrl: flow.authorizationUrl, openedByHost };
  }

  /** Starts the device authorization grant (RFC 8628): the user enters a code on another device or tab. */
  async signInWithDevice(providerId: string, options: SignInOptions = {}): Promise<DeviceAuthorization> {
    const account = this.#account(providerId);
    const attempt = account.begin('a new sign-in attempt');
    const flow = await this.#starting(account, attempt, async () => {
      const scopes = await this.#scopes(account.runtime, options);
      attempt.check();
      return startDeviceFlow(account.runtime, attempt, scopes, this.#ports.now);
    });
    account.pending(attempt, flow.pending);
    void this.#complete(account, attempt, flow.tokens, options);
    return flow.authorization;
  }

  attachVault(vault: TokenVault): void {
    this.#remembered.attach(vault);
  }

  /** The vault could not be opened: sign-ins still work, and "remember me" says why it cannot. */
  vaultUnavailable(reason: string): void {
    this.#remembered.unavailable(reason);
  }

  vaultStatus(): VaultInfo {
    return this.#remembered.status();
  }

  /** Restore on launch (see remembered-sessions.ts). */
  restore(): Promise<void> {
    return this.#remembered.restore([...this.#accounts.values()], (account) => {
      const user = account.session?.user ?? null;
      this.#ports.emit('auth.signedIn', { providerId: account.providerId, user });
    });
  }

  async forgetAll(): Promise<void> {
    await this.#remembered.forgetAll([...this.#accounts.values()]);
  }

  async setAllowWeakProtection(allow: boolean): Promise<VaultInfo> {
    return this.#remembered.setAllowWeakProtection(allow, [...this.#accounts.values()]);
  }

  /** The current token in Flet's JSON shape (hands the token out, on purpose). */
  async exportToken(providerId: string): Promise<string> {
    return toFletTokenJson(this.#session(providerId).tokens, this.#ports.now());
  }

  /** Signs in from a token saved by Flet (its `saved_token`) once the provider confirms it (import-policy.ts). */
  async importToken(providerId: string, json: string, options: SignInOptions = {}): Promise<AuthState> {
    const account = this.#account(providerId);
    const tokens = parseFletToken(json, this.#ports.now());
    // An import is an attempt like any other: it replaces one in flight and can itself be cancelled.
    const attempt = account.begin('an imported token');
    try {
      const confirmed = await confirmImported(account.runtime, tokens, this.#ports.now());
      attempt.check();
      await this.#establish(account, attempt, confirmed, options, 'imported');
    } catch (error) {
      account.abandon(attempt);
      if (error instanceof HostError && error.details && 'reason' in error.details) {
        if (error.details.reason === 'saved_token_expired') throw error;
      }
      const e = toSignInError(error);
      throw new HostError(
        error instanceof HostError ? error.code : 'unavailable',
        `the saved token was not accepted: ${e.errorDescription}`,
      );
    }
    return authState(account.state);
  }

  /**
   * Cancels a pending sign-in. The listener closes and the card shows "Sign-in cancelled" at once (a neutral
   * note, not a failure); the sign-in-failed event still says `cancelled` for API users.
   */
  cancel(providerId: string): boolean {
    if (!this.#account(providerId).cancel()) return false;
    this.#ports.emit('auth.signInFailed', {
      providerId,
      error: 'cancelled',
      errorDescription: 'the sign-in was cancelled',
    });
    return true;
  }

  /**
   * "Try another way": the browser could not reach the redirect, so the user pastes the address it was
   * sent to. The sign-in then goes on as if the redirect had arrived; completion comes as events.
   */
  completeWithAddress(providerId: string, address: string): { accepted: true } {
    this.#account(providerId).pasteRedirect(address);
    return { accepted: true };
  }

  /**
   * A redirect to the app's own scheme, as the operating system delivered it (a second launch, `open-url`).
   * Only a pending sign-in whose own redirect it is takes it; anything else changes nothing (false).
   */
  deliverRedirect(address: string): boolean {
    for (const account of this.#accounts.values()) if (account.deliverRedirect(address)) return true;
    return false;
  }

  #session(providerId: string): TokenSession {
    const session = this.#account(providerId).session;
    if (!session) throw new HostError('not_found', `not signed in with "${providerId}"`);
    return session;
  }

  async refresh(providerId: string): Promise<AuthState> {
    await this.#session(providerId).refresh();
    return authState(this.#account(providerId).state);
  }

  /** Flet's page.auth.token: a fresh access token, refreshed first when needed. Hands the token out on purpose. */
  async accessToken(
    providerId: string,
  ): Promise<{ accessToken: string; tokenType: string; expiresAt: number | null }> {
    const tokens = await this.#session(providerId).fresh();
    return {
      accessToken: tokens.accessToken,
      tokenType: tokens.tokenType,
      expiresAt: tokens.expiresAt ?? null,
    };
  }

  request(providerId: string, request: AuthenticatedRequest): Promise<AuthenticatedResponse> {
    return sendAuthenticated(this.#session(providerId), request);
  }

  async signOut(
    providerId: string,
    reason?: string,
    options: { revoke?: boolean } = {},
  ): Promise<{ endSessionUrl: string | null }> {
    const account = this.#account(providerId);
    const session = account.signOut(reason);
    if (!session) return { endSessionUrl: null };
    await this.#remembered.forget(account);
    this.#ports.emit('auth.signedOut', { providerId, ...(reason ? { reason } : {}) });
    return signOutAtProvider(account.runtime, session.tokens, this.#ports, {
      revoke: options.revoke !== false,
    });
  }

  /**
   * The machine woke from sleep, the screen was unlocked, the network changed or the wall clock jumped:
   * every session looks at its expiry again and refreshes what came due meanwhile.
   */
  wake(): void {
    for (const account of this.#accounts.values()) account.session?.wake();
  }

  close(): void {
    for (const account of this.#accounts.values()) account.close();
  }
}
