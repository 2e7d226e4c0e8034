/**
 * Sign-in for every configured provider at once, each independent. This file keeps the providers' records
 * and the rules every flow shares: one attempt at a time per provider (a new one, a cancel, a sign-out or
 * closing ends the old one at once, and nothing it started can change state later), sign-in events, and
 * sessions. The flows live beside it: browser-flow.ts, device-flow.ts, remembered-sessions.ts (remember
 * me), flet-token.ts (Flet's saved token), authenticated-request.ts and sign-out.ts.
 * Electron-free: the host passes ports to open the browser, bring the window forward, and tell the time.
 */
import type {
  AuthenticatedResponse,
  AuthState,
  DeviceAuthorization,
  ProviderInfo,
  ProvidersOverview,
  SignInError,
  VaultInfo,
} from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenVault } from '../vault/token-vault.ts';
import { Attempt } from './attempt.ts';
import { sendAuthenticated, type AuthenticatedRequest } from './authenticated-request.ts';
import { startBrowserFlow } from './browser-flow.ts';
import type { LoadedConfig } from './config/load.ts';
import { startDeviceFlow } from './device-flow.ts';
import { toSignInError } from './errors.ts';
import { parseFletToken, refreshImported, toFletTokenJson } from './flet-token.ts';
import type { AuthPorts, FlowHost, ProviderSlot, SignInOptions } from './provider-slot.ts';
import type { ProviderRuntime } from './providers/types.ts';
import { providerInfo, sessionState } from './provider-info.ts';
import { RememberedSessions } from './remembered-sessions.ts';
import { establishSession, startSession, type SessionHost } from './establish.ts';
import { signOutAtProvider } from './sign-out.ts';
import { TokenSession } from './token-session.ts';
import { uniqueScopes } from './tokens.ts';

export type { AuthPorts, SignInOptions } from './provider-slot.ts';

export class SignInService {
  readonly #providers = new Map<string, ProviderSlot>();
  readonly #ports: AuthPorts;
  readonly #config: LoadedConfig;
  readonly #deviceCapable = new Map<string, boolean>();
  readonly #examples = new Map<string, { label: string; url: string } | null>();
  readonly #remembered: RememberedSessions;
  readonly #flows: FlowHost;
  readonly #sessions: SessionHost;

  constructor(config: LoadedConfig, runtimes: ProviderRuntime[], ports: AuthPorts) {
    this.#config = config;
    this.#ports = ports;
    for (const runtime of runtimes) {
      this.#providers.set(runtime.settings.id, {
        runtime,
        state: { status: 'signedOut' },
        attempt: null,
        session: null,
        remember: false,
        restored: false,
        fetchUser: true,
        fetchGroups: false,
      });
    }
    this.#sessions = {
      ports,
      remembered: () => this.#remembered,
      changed: (p) => this.#changed(p),
      signOut: (id, reason) => void this.signOut(id, reason, { revoke: false }),
    };
    this.#remembered = new RememberedSessions(ports, {
      changed: (p) => this.#changed(p),
      startSession: (p, tokens, user, groups, at) =>
        startSession(this.#sessions, p, tokens, user, groups, at),
    });
    this.#flows = {
      ports,
      pages: config,
      scopes: (p, options) => this.#scopes(p, options),
      pending: (p, attempt, state) => {
        if (p.attempt !== attempt || !attempt.live) return;
        p.state = state;
        this.#changed(p);
      },
      establish: (p, attempt, tokens, options) =>
        establishSession(this.#sessions, p, attempt, tokens, options),
      failed: (p, attempt, error) => {
        // Only the live attempt may report: a cancelled one was reported when it was cancelled.
        if (p.attempt !== attempt || !attempt.live) return;
        p.attempt = null;
        this.#fail(p, error);
      },
    };
  }

  /**
   * Learns what each provider offers (device flow, an example API call) from its metadata, in the
   * background. Called once the app is up, so discovery (and the demo provider) stay off the start-up path.
   */
  prefetch(): void {
    for (const p of this.#providers.values()) {
      const { runtime } = p;
      void Promise.all([runtime.supportsDevice(), runtime.exampleRequest()])
        .then(([device, example]) => {
          this.#deviceCapable.set(runtime.settings.id, device);
          this.#examples.set(runtime.settings.id, example);
          this.#changed(p);
        })
        .catch(() => {});
    }
  }

  overview(): ProvidersOverview {
    return {
      providers: [...this.#providers.values()].map((p) => this.#info(p)),
      problems: this.#config.problems,
      source: this.#config.source,
    };
  }

  #info(p: ProviderSlot): ProviderInfo {
    const id = p.runtime.settings.id;
    return providerInfo(p, this.#deviceCapable.get(id) ?? false, this.#examples.get(id) ?? null);
  }

  #provider(id: string): ProviderSlot {
    const p = this.#providers.get(id);
    if (!p) throw new HostError('not_found', `no sign-in provider with id "${id}"`);
    return p;
  }

  #changed(p: ProviderSlot): void {
    this.#ports.emit('auth.changed', { providerId: p.runtime.settings.id });
  }

  #fail(p: ProviderSlot, error: SignInError): void {
    p.state = { status: 'signedOut', lastError: error };
    this.#ports.emit('auth.signInFailed', { providerId: p.runtime.settings.id, ...error });
    this.#changed(p);
  }

  /** A new attempt for `p`: whatever was in flight ends now, silently (it was replaced, not refused). */
  #begin(p: ProviderSlot, replacedBy: string): Attempt {
    p.attempt?.cancel(`replaced by ${replacedBy}`, true);
    const attempt = new Attempt();
    p.attempt = attempt;
    return attempt;
  }

  #scopes(p: ProviderSlot, options: SignInOptions): Promise<string[]> {
    return p.runtime
      .scopes({
        fetchUser: options.fetchUser ?? p.runtime.flow.fetchUser,
        fetchGroups: options.fetchGroups ?? p.runtime.flow.fetchGroups,
        extra: [...p.runtime.flow.extraScopes, ...(options.scopes ?? [])],
      })
      .then(uniqueScopes);
  }

  /** Runs the start of a flow; a failure there is shown on the card and answered as a typed error. */
  async #starting<T>(p: ProviderSlot, attempt: Attempt, start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (error) {
      const e = toSignInError(error);
      this.#flows.failed(p, attempt, e);
      throw error instanceof HostError ? error : new HostError('unavailable', e.errorDescription);
    }
  }

  /** Starts the browser sign-in. Resolves once the authorization URL is ready; completion comes as events. */
  async signIn(
    providerId: string,
    options: SignInOptions = {},
  ): Promise<{ authorizationUrl: string; openedByHost: boolean }> {
    const p = this.#provider(providerId);
    const attempt = this.#begin(p, 'a new sign-in attempt');
    return this.#starting(p, attempt, () => startBrowserFlow(this.#flows, p, attempt, options));
  }

  /** Starts the device authorization grant (RFC 8628): the user enters a code on another device or tab. */
  async signInWithDevice(providerId: string, options: SignInOptions = {}): Promise<DeviceAuthorization> {
    const p = this.#provider(providerId);
    const attempt = this.#begin(p, 'a new sign-in attempt');
    return this.#starting(p, attempt, () => startDeviceFlow(this.#flows, p, attempt, options));
  }

  attachVault(vault: TokenVault): void {
    this.#remembered.attach(vault);
  }

  vaultStatus(): VaultInfo {
    return this.#remembered.status();
  }

  /** Restore on launch (see remembered-sessions.ts). */
  restore(): Promise<void> {
    return this.#remembered.restore([...this.#providers.values()]);
  }

  async forgetAll(): Promise<void> {
    await this.#remembered.forgetAll([...this.#providers.values()]);
  }

  async setAllowWeakProtection(allow: boolean): Promise<VaultInfo> {
    return this.#remembered.setAllowWeakProtection(allow, [...this.#providers.values()]);
  }

  /** The current token in Flet's JSON shape (hands the token out, on purpose). */
  async exportToken(providerId: string): Promise<string> {
    return toFletTokenJson(this.#session(providerId).tokens, this.#ports.now());
  }

  /** Signs in from a token saved by Flet (its `saved_token`), refreshing it first when it has expired. */
  async importToken(providerId: string, json: string, options: SignInOptions = {}): Promise<AuthState> {
    const p = this.#provider(providerId);
    const tokens = parseFletToken(json, this.#ports.now());
    const attempt = this.#begin(p, 'an imported token');
    try {
      const fresh = await refreshImported(p.runtime, tokens, this.#ports.now);
      attempt.check();
      await establishSession(this.#sessions, p, attempt, fresh, options);
    } catch (error) {
      if (p.attempt === attempt) p.attempt = null;
      if (error instanceof HostError && error.message.startsWith('the saved token')) throw error;
      const e = toSignInError(error);
      throw new HostError(
        error instanceof HostError ? error.code : 'unavailable',
        `the saved token was not accepted: ${e.errorDescription}`,
      );
    }
    return this.#info(p).state;
  }

  /**
   * Cancels a pending sign-in. The listener closes and the card shows "Sign-in cancelled" at once (a neutral
   * note, not a failure); the sign-in-failed event still says `cancelled` for API users.
   */
  cancel(providerId: string): boolean {
    const p = this.#provider(providerId);
    const attempt = p.attempt;
    if (!attempt?.cancel('the sign-in was cancelled', false)) return false;
    p.attempt = null;
    p.state = { status: 'signedOut', reason: 'Sign-in cancelled', cancelled: true };
    this.#ports.emit('auth.signInFailed', {
      providerId,
      error: 'cancelled',
      errorDescription: 'the sign-in was cancelled',
    });
    this.#changed(p);
    return true;
  }

  #session(providerId: string): TokenSession {
    const session = this.#provider(providerId).session;
    if (!session) throw new HostError('not_found', `not signed in with "${providerId}"`);
    return session;
  }

  async refresh(providerId: string): Promise<AuthState> {
    const session = this.#session(providerId);
    await session.refresh();
    return sessionState(this.#provider(providerId), session);
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
    const p = this.#provider(providerId);
    p.attempt?.cancel('signed out', true);
    p.attempt = null;
    const session = p.session;
    p.session = null;
    p.state = { status: 'signedOut', ...(reason ? { reason } : {}) };
    if (!session) {
      this.#changed(p);
      return { endSessionUrl: null };
    }
    session.end();
    p.remember = false;
    p.restored = false;
    p.revalidateProblem = undefined;
    await this.#remembered.forget(p);
    this.#ports.emit('auth.signedOut', { providerId, ...(reason ? { reason } : {}) });
    this.#changed(p);
    return signOutAtProvider(p.runtime, session.tokens, this.#ports, { revoke: options.revoke !== false });
  }

  close(): void {
    for (const p of this.#providers.values()) {
      p.attempt?.cancel('the app is closing', true);
      p.session?.end();
    }
  }
}
