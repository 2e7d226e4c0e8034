/**
 * Sign-in for every configured provider at once, each independent. Each identity is an Account (account.ts):
 * a state machine that owns its state, its attempt in flight and its token session; a provider holds
 * several (provider-accounts.ts), one of them active. This service routes calls to accounts, runs the flows (which only produce token sets: browser-flow.ts,
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
import type { Account, AccountHost, Establish } from './account.ts';
import { accountIdOf, subjectOf } from './account-id.ts';
import type { Attempt } from './attempt.ts';
import { authorizationParamsFor, loginHintOf, missingScopes } from './authorization-params.ts';
import { sendAuthenticated, type AuthenticatedRequest } from './authenticated-request.ts';
import { startBrowserFlow } from './browser-flow.ts';
import type { LoadedConfig } from './config/types.ts';
import { startDeviceFlow } from './device-flow.ts';
import { toSignInError } from './errors.ts';
import { readProfile } from './establish.ts';
import { parseFletToken, toFletTokenJson } from './flet-token.ts';
import { confirmImported } from './import-policy.ts';
import type { AccountOptions, AuthPorts, SignInOptions, TokenOptions } from './ports.ts';
import { ProviderAccounts } from './provider-accounts.ts';
import { authState, providerInfo } from './provider-info.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { RememberedSessions } from './remembered-sessions.ts';
import { requireAllowedScopes } from './scope-policy.ts';
import { signOutAtProvider } from './sign-out.ts';
import type { TokenSession } from './token-session.ts';
import { uniqueScopes } from './tokens.ts';

export type { AccountOptions, AuthPorts, SignInOptions, TokenOptions } from './ports.ts';

/** What a provider offers beyond sign-in, learned from its metadata after start-up. */
interface Offers {
  deviceFlow: boolean;
  example: { label: string; url: string } | null;
}

export class SignInService {
  readonly #providers = new Map<string, ProviderAccounts>();
  readonly #offers = new Map<string, Offers>();
  readonly #ports: AuthPorts;
  readonly #config: LoadedConfig;
  readonly #remembered: RememberedSessions;

  constructor(config: LoadedConfig, runtimes: ProviderRuntime[], ports: AuthPorts) {
    this.#config = config;
    this.#ports = ports;
    this.#remembered = new RememberedSessions(ports.log, ports.now);
    const host: AccountHost = {
      now: ports.now,
      log: ports.log,
      changed: (account) =>
        ports.emit('auth.changed', {
          providerId: account.providerId,
          ...(account.accountId ? { accountId: account.accountId } : {}),
        }),
      failed: (account, error) =>
        ports.emit('auth.signInFailed', { providerId: account.providerId, ...error }),
      persist: (account) => this.#remembered.sync(account),
      // The provider refused the refresh token: signed out with the reason, nothing to revoke.
      invalidated: (account, reason) =>
        void this.#signOutAccount(account, reason, { revoke: false }).catch(() => {}),
    };
    for (const runtime of runtimes)
      this.#providers.set(runtime.settings.id, new ProviderAccounts(runtime, host));
  }

  /**
   * Learns what each provider offers (device flow, an example API call) from its metadata, in the
   * background. Called once the app is up, so discovery (and the demo provider) stay off the start-up path.
   */
  prefetch(): void {
    for (const provider of this.#providers.values()) this.#learnOffers(provider.next);
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
      providers: [...this.#providers.values()].map((p) => {
        const offers = this.#offers.get(p.providerId);
        return providerInfo(p, offers?.deviceFlow ?? false, offers?.example ?? null);
      }),
      problems: this.#config.problems,
      source: this.#config.source,
    };
  }

  #provider(id: string): ProviderAccounts {
    const provider = this.#providers.get(id);
    if (!provider) throw new HostError('not_found', `no sign-in provider with id "${id}"`);
    return provider;
  }

  /** The account a call names, or the provider's active one. */
  #account(providerId: string, options: AccountOptions = {}): Account {
    return this.#provider(providerId).get(options.accountId);
  }

  /**
   * The scopes to ask for. Signing in again as an account (`accountId`) asks for what it has plus what the
   * call adds, so more scopes later never lose the ones granted before.
   */
  async #scopes(runtime: ProviderRuntime, options: SignInOptions, again: Account | null): Promise<string[]> {
    requireAllowedScopes(runtime.settings.name, runtime.flow.allowedExtraScopes, options.scopes);
    const scopes = await runtime.scopes({
      fetchUser: options.fetchUser ?? runtime.flow.fetchUser,
      fetchGroups: options.fetchGroups ?? runtime.flow.fetchGroups,
      extra: [...runtime.flow.extraScopes, ...(options.scopes ?? [])],
    });
    return uniqueScopes([...scopes, ...(again?.session?.tokens.scopes ?? [])]);
  }

  /** Where a sign-in starts: the provider's next account, after checking the account it names and the limit. */
  #beginSignIn(providerId: string, asked: SignInOptions, replacedBy: string) {
    const provider = this.#provider(providerId);
    const again = asked.accountId === undefined ? null : provider.get(asked.accountId);
    if (!again) provider.requireRoom();
    // Signing in again as an account keeps its own choices (remember me, what is read) unless the call says.
    const s = again?.state;
    const options: SignInOptions =
      s && (s.phase === 'signedIn' || s.phase === 'refreshing')
        ? { rememberMe: s.remember, fetchUser: s.fetchUser, fetchGroups: s.fetchGroups, ...asked }
        : asked;
    const account = provider.next;
    const attempt = account.begin(replacedBy);
    attempt.forAccount = again?.accountId ?? undefined;
    return { provider, again, account, attempt, options };
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
    const provider = this.#provider(account.providerId);
    const accountId = accountIdOf(account.providerId, subjectOf(profile.user, tokens));
    const again = attempt.forAccount;
    if (again !== undefined && again !== accountId)
      throw new HostError(
        'forbidden',
        `${runtime.settings.name} signed in another account than the one asked for, so nothing changed. Sign in as that account there, or use "Add another account" to add a new one.`,
      );
    // Checked again now that the identity is known: a sign-in as an account already here only updates it.
    provider.requireRoom(accountId);
    const known = provider.has(accountId) ? provider.get(accountId) : null;
    const from: Establish = {
      accountId,
      // A provider that sends no new refresh token the second time (Google without consent) keeps the old one.
      tokens: tokens.refreshToken ? tokens : { ...tokens, refreshToken: known?.session?.tokens.refreshToken },
      ...profile,
      ...want,
      signedInAt: this.#ports.now(),
      origin,
      remember: options.rememberMe ?? true,
    };
    let target = account;
    let session: TokenSession;
    if (known) {
      // The same identity again: its account (same id, same place) takes the tokens.
      account.handOver(attempt);
      session = known.renew(from);
      target = known;
    } else {
      session = account.signIn(attempt, from);
    }
    // More scopes for an account that is not the active one leave the active one as it is.
    provider.adopt(target, again === undefined || again === provider.activeId);
    if (!this.#offers.has(account.providerId)) this.#learnOffers(target);
    await this.#remembered.sync(target, provider.activeId === accountId);
    // Signed out (or in again) while the vault was saving: this sign-in is not news any more.
    if (target.session !== session) return;
    this.#ports.emit('auth.signedIn', { providerId: account.providerId, accountId, user: profile.user });
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
    asked: SignInOptions = {},
  ): Promise<{ authorizationUrl: string; openedByHost: boolean }> {
    const { provider, again, account, attempt, options } = this.#beginSignIn(
      providerId,
      asked,
      'a new sign-in attempt',
    );
    const { runtime } = account;
    const flow = await this.#starting(account, attempt, async () => {
      const target = again ?? (options.addAccount ? null : provider.active);
      const params = authorizationParamsFor(runtime, {
        call: options.authorizationParams,
        addAccount: options.addAccount === true,
        loginHint: again ? loginHintOf(again.session?.user ?? null) : undefined,
        hasRefreshToken: Boolean(target?.session?.tokens.refreshToken),
      });
      const scopes = await this.#scopes(runtime, options, again);
      attempt.check();
      return startBrowserFlow(runtime, attempt, scopes, {
        now: this.#ports.now,
        params,
        pages: {
          completePageHtml: options.completePageHtml ?? this.#config.completePageHtml,
          errorPageHtml: options.errorPageHtml ?? this.#config.errorPageHtml,
          returnToApp: this.#ports.returnToApp,
        },
        redirectScheme: this.#ports.redirectScheme,
      });
    });
    account.pending(attempt, flow.pending);
    void this.#complete(account, attempt, flow.tokens, options).then((error) => flow.respond(error));
    // Flet's on_open_authorization_url: the app opens the page itself (or shows it) when it says so.
    const openedByHost =
      options.openBrowser === false
        ? false
        : await this.#ports.openExternal(flow.authorizationUrl).catch(() => false);
    return { authorizationUrl: flow.authorizationUrl, openedByHost };
  }

  /** Starts the device authorization grant (RFC 8628): the user enters a code on another device or tab. */
  async signInWithDevice(providerId: string, asked: SignInOptions = {}): Promise<DeviceAuthorization> {
    const { again, account, attempt, options } = this.#beginSignIn(
      providerId,
      asked,
      'a new sign-in attempt',
    );
    const flow = await this.#starting(account, attempt, async () => {
      const scopes = await this.#scopes(account.runtime, options, again);
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
    return this.#remembered.restore([...this.#providers.values()], (account) => {
      const user = account.session?.user ?? null;
      this.#ports.emit('auth.signedIn', {
        providerId: account.providerId,
        accountId: account.accountId ?? '',
        user,
      });
    });
  }

  #everyAccount(): Account[] {
    return [...this.#providers.values()].flatMap((p) => p.all());
  }

  async forgetAll(): Promise<void> {
    await this.#remembered.forgetAll(this.#everyAccount());
  }

  async setAllowWeakProtection(allow: boolean): Promise<VaultInfo> {
    return this.#remembered.setAllowWeakProtection(allow, this.#everyAccount());
  }

  /** The current token in Flet's JSON shape (hands the token out, on purpose). */
  async exportToken(providerId: string, options: AccountOptions = {}): Promise<string> {
    return toFletTokenJson(this.#session(providerId, options).tokens, this.#ports.now());
  }

  /** Makes an account the one calls without an `accountId` use; remembered, so the next launch keeps it. */
  async setActiveAccount(providerId: string, accountId: string): Promise<void> {
    const provider = this.#provider(providerId);
    provider.setActive(accountId);
    await this.#remembered.markActive(provider);
    provider.get(accountId).touch();
  }

  /** Signs in from a token saved by Flet (its `saved_token`) once the provider confirms it (import-policy.ts). */
  async importToken(providerId: string, json: string, options: SignInOptions = {}): Promise<AuthState> {
    const tokens = parseFletToken(json, this.#ports.now());
    // An import is an attempt like any other: it replaces one in flight and can itself be cancelled.
    const { account, attempt } = this.#beginSignIn(providerId, {}, 'an imported token');
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
    return authState(account.state, account.accountId);
  }

  /**
   * Cancels a pending sign-in. The listener closes and the card shows "Sign-in cancelled" at once (a neutral
   * note, not a failure); the sign-in-failed event still says `cancelled` for API users.
   */
  cancel(providerId: string): boolean {
    if (!this.#provider(providerId).next.cancel()) return false;
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
    this.#provider(providerId).next.pasteRedirect(address);
    return { accepted: true };
  }

  /**
   * A redirect to the app's own scheme, as the operating system delivered it (a second launch, `open-url`).
   * Only a pending sign-in whose own redirect it is takes it; anything else changes nothing (false).
   */
  deliverRedirect(address: string): boolean {
    for (const provider of this.#providers.values()) if (provider.next.deliverRedirect(address)) return true;
    return false;
  }

  #session(providerId: string, options: AccountOptions = {}): TokenSession {
    const session = this.#account(providerId, options).session;
    if (!session) throw new HostError('not_found', `not signed in with "${providerId}"`);
    return session;
  }

  async refresh(providerId: string, options: AccountOptions = {}): Promise<AuthState> {
    const account = this.#account(providerId, options);
    await this.#session(providerId, options).refresh();
    return authState(account.state, account.accountId);
  }

  /**
   * Flet's page.auth.token: a fresh access token, refreshed first when needed. Hands the token out on purpose.
   * With `scopes`, a token without all of them is refused (`consent_required`, the missing ones in `details`)
   * rather than handed out to fail at the API: the app asks for them then (auth.signIn with `accountId`).
   */
  async accessToken(
    providerId: string,
    options: TokenOptions = {},
  ): Promise<{ accessToken: string; tokenType: string; expiresAt: number | null }> {
    const session = this.#session(providerId, options);
    const missing = missingScopes(session.tokens.scopes, options.scopes ?? []);
    if (missing.length > 0)
      throw new HostError(
        'consent_required',
        `${session.runtime.settings.name} has not granted ${missing.join(' ')} to this account yet: sign in again with these scopes to ask for them`,
        { details: { reason: 'missing_scopes', scopes: missing } },
      );
    const tokens = await session.fresh();
    return {
      accessToken: tokens.accessToken,
      tokenType: tokens.tokenType,
      expiresAt: tokens.expiresAt ?? null,
    };
  }

  request(
    providerId: string,
    request: AuthenticatedRequest,
    options: AccountOptions = {},
  ): Promise<AuthenticatedResponse> {
    return sendAuthenticated(this.#session(providerId, options), request);
  }

  /** Signs one account out (the active one unless `accountId` says which); the others stay signed in. */
  async signOut(
    providerId: string,
    options: AccountOptions & { reason?: string; revoke?: boolean } = {},
  ): Promise<{ endSessionUrl: string | null }> {
    return this.#signOutAccount(this.#account(providerId, options), options.reason, options);
  }

  async #signOutAccount(
    account: Account,
    reason: string | undefined,
    options: { revoke?: boolean | undefined },
  ): Promise<{ endSessionUrl: string | null }> {
    const provider = this.#provider(account.providerId);
    // A sign-in in flight for this account (more scopes) would bring it back: it ends with it.
    if (account.accountId !== null && provider.next.attemptFor === account.accountId) provider.next.cancel();
    const session = account.signOut(reason);
    provider.remove(account);
    if (!session) return { endSessionUrl: null };
    await this.#remembered.forget(account);
    // Another account may have become the active one: the next launch keeps that.
    if (provider.active) await this.#remembered.markActive(provider);
    this.#ports.emit('auth.signedOut', {
      providerId: account.providerId,
      accountId: account.accountId ?? '',
      ...(reason ? { reason } : {}),
    });
    provider.active?.touch();
    return signOutAtProvider(account.runtime, session.tokens, this.#ports, {
      revoke: options.revoke !== false,
    });
  }

  /**
   * The machine woke from sleep, the screen was unlocked, the network changed or the wall clock jumped:
   * every session looks at its expiry again and refreshes what came due meanwhile.
   */
  wake(): void {
    for (const account of this.#everyAccount()) account.session?.wake();
  }

  close(): void {
    for (const account of this.#everyAccount()) account.close();
  }
}
