/**
 * Sign-in for every configured provider at once, each independent: the browser flow through a loopback
 * redirect (PKCE S256, state, nonce, RFC 9207 iss checked by openid-client), the device authorization grant,
 * refresh, sign-out with revocation, a fresh-token getter and an authenticated-request helper.
 * Electron-free: the host passes ports to open the browser and bring the window forward.
 */
import { randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import type {
  AuthenticatedResponse,
  AuthState,
  DeviceAuthorization,
  ProviderInfo,
  ProvidersOverview,
  SignInError,
  UserProfile,
  VaultInfo,
} from '../../shared/auth-types.ts';
import type { Events } from '../../shared/contract.ts';
import { HostError } from '../../shared/errors.ts';
import type { LoadedConfig, ProviderSettings } from './config/load.ts';
import { toSignInError } from './errors.ts';
import { LoopbackReceiver, type ResultPage } from './loopback.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { parseFletToken, toFletTokenJson } from './flet-token.ts';
import { errorPage, successPage } from './result-pages.ts';
import { TokenSession } from './token-session.ts';
import { toTokenSet, uniqueScopes } from './tokens.ts';
import type { TokenVault } from '../vault/token-vault.ts';

/** What a remembered session belongs to: the provider as configured (no secrets). Computable offline. */
export function bindingOf(settings: ProviderSettings): string {
  const s = settings as Record<string, unknown>;
  return JSON.stringify([
    s.type,
    s.clientId ?? null,
    s.issuer ?? s.host ?? s.domain ?? s.tenant ?? null,
    s.authorizationEndpoint ?? null,
    s.tokenEndpoint ?? null,
  ]);
}

export interface SignInOptions {
  fetchUser?: boolean | undefined;
  fetchGroups?: boolean | undefined;
  scopes?: string[] | undefined;
  /** Keep the sign-in in the vault for the next launch (default true). */
  rememberMe?: boolean | undefined;
}

export interface AuthPorts {
  /** Opens a URL in the system browser; false when this host cannot (web mode: the page opens it). */
  openExternal(url: string): Promise<boolean>;
  bringToFront(): void;
  emit<E extends keyof Events>(name: E, payload: Events[E]): void;
  now(): number;
  log: Pick<Console, 'warn' | 'error'>;
}

interface Attempt {
  id: string;
  cancel(reason: string, silent: boolean): void;
}

interface Provider {
  settings: ProviderSettings;
  runtime: ProviderRuntime;
  state: AuthState;
  attempt: Attempt | null;
  session: TokenSession | null;
  remember: boolean;
  rememberProblem?: string | undefined;
  restored: boolean;
  fetchUser: boolean;
  fetchGroups: boolean;
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export class SignInService {
  readonly #providers = new Map<string, Provider>();
  readonly #ports: AuthPorts;
  readonly #config: LoadedConfig;
  readonly #deviceCapable = new Map<string, boolean>();
  readonly #examples = new Map<string, { label: string; url: string } | null>();
  #vault: TokenVault | null = null;

  constructor(config: LoadedConfig, runtimes: ProviderRuntime[], ports: AuthPorts) {
    this.#config = config;
    this.#ports = ports;
    for (const runtime of runtimes) {
      this.#providers.set(runtime.settings.id, {
        settings: runtime.settings,
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
  }

  /**
   * Learns what each provider offers (device flow, an example API call) from its metadata, in the
   * background. Called once the app is up, so discovery (and the demo provider) stay off the start-up path.
   */
  prefetch(): void {
    for (const p of this.#providers.values()) {
      const runtime = p.runtime;
      const id = runtime.settings.id;
      void Promise.all([runtime.supportsDevice(), runtime.exampleRequest()])
        .then(([device, example]) => {
          this.#deviceCapable.set(id, device);
          this.#examples.set(id, example);
          this.#changed(id);
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

  #info(p: Provider): ProviderInfo {
    return {
      id: p.settings.id,
      name: p.settings.name,
      type: p.settings.type,
      isDemo: p.settings.type === 'demo',
      deviceFlow: this.#deviceCapable.get(p.settings.id) ?? false,
      exampleRequest: this.#examples.get(p.settings.id) ?? null,
      state: p.session ? this.#sessionState(p, p.session) : p.state,
    };
  }

  #sessionState(p: Provider, session: TokenSession): AuthState {
    return {
      ...session.state(),
      remembered: p.remember && !p.rememberProblem,
      rememberProblem: p.rememberProblem,
      restored: p.restored,
    };
  }

  #provider(id: string): Provider {
    const p = this.#providers.get(id);
    if (!p) throw new HostError('not_found', `no sign-in provider with id "${id}"`);
    return p;
  }

  #changed(providerId: string): void {
    this.#ports.emit('auth.changed', { providerId });
  }

  #fail(p: Provider, error: SignInError): void {
    p.state = { status: 'signedOut', lastError: error };
    this.#ports.emit('auth.signInFailed', { providerId: p.settings.id, ...error });
    this.#changed(p.settings.id);
  }

  async #scopes(p: Provider, options: SignInOptions): Promise<string[]> {
    const settings = p.settings;
    return uniqueScopes(
      await p.runtime.scopes({
        fetchUser: this.#wantUser(p, options),
        fetchGroups: this.#wantGroups(p, options),
        extra: [...(('scopes' in settings && settings.scopes) || []), ...(options.scopes ?? [])],
      }),
    );
  }

  /**
   * Runs a step of starting a sign-in; if it fails, the provider shows the failure and gets the
   * sign-in-failed event, and the caller gets a typed error.
   */
  async #failingVisibly<T>(p: Provider, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const e = toSignInError(error);
      this.#fail(p, e);
      throw error instanceof HostError ? error : new HostError('unavailable', e.errorDescription);
    }
  }

  /** The user is read after sign-in unless the call or the provider entry says not to. */
  #wantUser(p: Provider, options: SignInOptions): boolean {
    const configured = 'fetchUser' in p.settings ? p.settings.fetchUser : undefined;
    return options.fetchUser ?? configured ?? true;
  }

  /** Groups are off by default (they need more consent), except for the demo, which exists to show them. */
  #wantGroups(p: Provider, options: SignInOptions): boolean {
    const configured = 'fetchGroups' in p.settings ? p.settings.fetchGroups : undefined;
    return options.fetchGroups ?? configured ?? p.settings.type === 'demo';
  }

  /** Starts the browser sign-in. Resolves once the authorization URL is ready; completion comes as events. */
  async signIn(
    providerId: string,
    options: SignInOptions = {},
  ): Promise<{ authorizationUrl: string; openedByHost: boolean }> {
    const p = this.#provider(providerId);
    // A second attempt while one is pending replaces it cleanly.
    p.attempt?.cancel('replaced by a new sign-in attempt', true);
    const settings = p.settings;
    const { config, scopes } = await this.#failingVisibly(p, async () => ({
      config: await p.runtime.configuration(),
      scopes: await this.#scopes(p, options),
    }));
    const fixed = 'redirectUri' in settings && settings.redirectUri ? new URL(settings.redirectUri) : null;
    const state = client.randomState();
    const receiver = await this.#failingVisibly(p, () =>
      LoopbackReceiver.start({
        port: fixed ? Number(fixed.port) : 0,
        path: fixed ? fixed.pathname : `/callback/${settings.id}`,
        hostname: fixed?.hostname ?? '127.0.0.1',
        timeoutMs: (('timeoutSeconds' in settings && settings.timeoutSeconds) || 300) * 1000,
        expectedState: state,
      }),
    );

    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = p.runtime.oidc ? client.randomNonce() : undefined;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: receiver.redirectUri,
      scope: scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      ...(nonce ? { nonce } : {}),
      ...p.runtime.authorizationParams(),
    });

    const stop: { cancelled: { reason: string; silent: boolean } | null } = { cancelled: null };
    const attempt: Attempt = {
      id: randomUUID(),
      cancel: (reason, silent) => {
        stop.cancelled = { reason, silent };
        receiver.fail(new HostError('cancelled', reason));
      },
    };
    p.attempt = attempt;
    p.state = {
      status: 'pending',
      mode: 'browser',
      authorizationUrl: url.href,
      startedAt: this.#ports.now(),
    };
    this.#changed(providerId);

    void (async () => {
      let result!: (page: ResultPage) => void;
      let callbackUrl: URL;
      try {
        callbackUrl = await receiver.callback;
      } catch (error) {
        if (p.attempt === attempt) p.attempt = null;
        const c = stop.cancelled;
        if (c?.silent) return;
        this.#fail(p, c ? { error: 'cancelled', errorDescription: c.reason } : toSignInError(error));
        return;
      }
      receiver.setResult(new Promise<ResultPage>((resolve) => (result = resolve)));
      try {
        const response = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          ...(nonce ? { expectedNonce: nonce } : {}),
          idTokenExpected: p.runtime.oidc,
        });
        if (p.attempt !== attempt)
          throw new HostError('cancelled', stop.cancelled?.reason ?? 'the sign-in was cancelled');
        await this.#establish(p, toTokenSet(response, this.#ports.now(), undefined, scopes), options);
        result({ ok: true, html: successPage(settings.name, this.#config) });
      } catch (error) {
        const e = toSignInError(error);
        result({ ok: false, html: errorPage(settings.name, e, this.#config) });
        if (p.attempt === attempt) {
          p.attempt = null;
          this.#fail(p, e);
        }
      }
    })();

    const openedByHost = await this.#ports.openExternal(url.href).catch(() => false);
    return { authorizationUrl: url.href, openedByHost };
  }

  /** Starts the device authorization grant (RFC 8628): the user enters a code on another device or tab. */
  async signInWithDevice(providerId: string, options: SignInOptions = {}): Promise<DeviceAuthorization> {
    const p = this.#provider(providerId);
    p.attempt?.cancel('replaced by a new sign-in attempt', true);
    if (!(await p.runtime.supportsDevice().catch(() => false))) {
      throw new HostError('unsupported', `${p.settings.name} does not offer sign-in with a device code`);
    }
    const { config, scopes, device } = await this.#failingVisibly(p, async () => {
      const c = await p.runtime.configuration();
      const s = await this.#scopes(p, options);
      const d = await client.initiateDeviceAuthorization(c, {
        scope: s.join(' '),
        ...p.runtime.authorizationParams(),
      });
      return { config: c, scopes: s, device: d };
    });
    const abort = new AbortController();
    const stop: { cancelled: { reason: string; silent: boolean } | null } = { cancelled: null };
    const attempt: Attempt = {
      id: randomUUID(),
      cancel: (reason, silent) => {
        stop.cancelled = { reason, silent };
        abort.abort();
      },
    };
    p.attempt = attempt;
    const now = this.#ports.now();
    p.state = {
      status: 'pending',
      mode: 'device',
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      verificationUriComplete: device.verification_uri_complete,
      expiresAt: now + device.expires_in * 1000,
      startedAt: now,
    };
    this.#changed(providerId);
    void (async () => {
      try {
        const response = await client.pollDeviceAuthorizationGrant(config, device, undefined, {
          signal: abort.signal,
        });
        if (p.attempt !== attempt) return;
        await this.#establish(p, toTokenSet(response, this.#ports.now(), undefined, scopes), options);
      } catch (error) {
        const c = stop.cancelled;
        if (p.attempt !== attempt && c === null) return;
        if (p.attempt === attempt) p.attempt = null;
        if (c?.silent) return;
        this.#fail(p, c ? { error: 'cancelled', errorDescription: c.reason } : toSignInError(error));
      }
    })();
    return {
      userCode: device.user_code,
      verificationUri: device.verification_uri,
      verificationUriComplete: device.verification_uri_complete,
      expiresIn: device.expires_in,
      interval: device.interval ?? 5,
    };
  }

  async #establish(p: Provider, tokens: TokenSet, options: SignInOptions): Promise<void> {
    const settings = p.settings;
    const wantUser = this.#wantUser(p, options);
    const wantGroups = this.#wantGroups(p, options);
    const user = wantUser ? await p.runtime.fetchUser(tokens) : null;
    const groups = wantGroups ? await p.runtime.fetchGroups(tokens) : null;
    p.attempt = null;
    p.session?.end();
    p.fetchUser = wantUser;
    p.fetchGroups = wantGroups;
    p.restored = false;
    p.remember = options.rememberMe ?? true;
    p.rememberProblem = undefined;
    this.#startSession(p, tokens, user, groups, this.#ports.now());
    if (p.remember) await this.#remember(p);
    else await this.#vault?.remove(settings.id).catch(() => {});
    this.#ports.emit('auth.signedIn', { providerId: settings.id, user });
    this.#changed(settings.id);
    this.#ports.bringToFront();
  }

  #startSession(
    p: Provider,
    tokens: TokenSet,
    user: UserProfile | null,
    groups: string[] | null,
    signedInAt: number,
  ): TokenSession {
    const id = p.settings.id;
    const session = new TokenSession(
      p.runtime,
      tokens,
      user,
      groups,
      {
        now: this.#ports.now,
        // A rotated refresh token is in the vault before anyone uses it.
        persist: () => (p.remember ? this.#remember(p) : Promise.resolve()),
        invalidated: (reason) => void this.signOut(id, reason, { revoke: false }),
        changed: () => this.#changed(id),
        log: this.#ports.log,
      },
      signedInAt,
    );
    // The displayed state (fingerprint and all) is computed when asked for, not on the restore path.
    p.session = session;
    return session;
  }

  /** Saves the session in the vault; a vault that cannot keep it (no keychain) is reported, not fatal. */
  async #remember(p: Provider): Promise<void> {
    const session = p.session;
    if (!session) return;
    if (!this.#vault) {
      p.rememberProblem = 'remembered sign-ins are not available in this host';
      return;
    }
    try {
      await this.#vault.save({
        providerId: p.settings.id,
        binding: bindingOf(p.settings),
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
      this.#ports.log.warn(`latchkey: ${p.settings.id}: ${p.rememberProblem}`);
    }
  }

  attachVault(vault: TokenVault): void {
    this.#vault = vault;
  }

  vaultStatus(): VaultInfo {
    if (!this.#vault)
      throw new HostError('unavailable', 'remembered sign-ins are not available in this host');
    return this.#vault.status();
  }

  /**
   * Restore on launch: every remembered sign-in shows as signed in at once from its cached profile; tokens
   * that are expired or close to it are refreshed, and the profile re-read, in the background. No key
   * derivation on this path: one keychain call unwraps the vault key, then AES-GCM per entry.
   */
  async restore(): Promise<void> {
    if (!this.#vault) return;
    const records = await this.#vault.load();
    for (const record of records) {
      const p = this.#providers.get(record.providerId);
      if (!p || bindingOf(p.settings) !== record.binding) {
        // The provider was removed or reconfigured: its tokens belong to something else now.
        await this.#vault.remove(record.providerId).catch(() => {});
        continue;
      }
      if (p.session) continue;
      p.remember = true;
      p.restored = true;
      p.fetchUser = record.fetchUser;
      p.fetchGroups = record.fetchGroups;
      const session = this.#startSession(p, record.tokens, record.user, record.groups, record.signedInAt);
      this.#ports.emit('auth.signedIn', { providerId: p.settings.id, user: record.user });
      this.#changed(p.settings.id);
      void this.#revalidate(p, session);
    }
  }

  async #revalidate(p: Provider, session: TokenSession): Promise<void> {
    try {
      // A refresh here has already been saved by the session; only a re-read profile needs saving.
      const tokens = await session.fresh();
      if (p.session !== session || (!p.fetchUser && !p.fetchGroups)) return;
      if (p.fetchUser) session.user = await p.runtime.fetchUser(tokens);
      if (p.fetchGroups) session.groups = await p.runtime.fetchGroups(tokens);
      await this.#remember(p);
      this.#changed(p.settings.id);
    } catch (error) {
      // Offline or 5xx: the session stays, signed in from the cache, and the refresh retries with back-off.
      this.#ports.log.warn(
        `latchkey: ${p.settings.id}: could not revalidate the remembered sign-in: ${(error as Error).message}`,
      );
    }
  }

  async forgetAll(): Promise<void> {
    await this.#vault?.clear();
    for (const p of this.#providers.values()) {
      p.remember = false;
      if (p.session) this.#changed(p.settings.id);
    }
  }

  async setAllowWeakProtection(allow: boolean): Promise<VaultInfo> {
    if (!this.#vault)
      throw new HostError('unavailable', 'remembered sign-ins are not available in this host');
    await this.#vault.setAllowWeakProtection(allow);
    for (const p of this.#providers.values()) if (p.session) this.#changed(p.settings.id);
    return this.#vault.status();
  }

  /** The current token in Flet's JSON shape (hands the token out, on purpose). */
  async exportToken(providerId: string): Promise<string> {
    return toFletTokenJson(this.#session(providerId).tokens, this.#ports.now());
  }

  /** Signs in from a token saved by Flet (its `saved_token`), refreshing it first when it has expired. */
  async importToken(providerId: string, json: string, options: SignInOptions = {}): Promise<AuthState> {
    const p = this.#provider(providerId);
    const now = this.#ports.now();
    let tokens: TokenSet = parseFletToken(json, now);
    p.attempt?.cancel('replaced by an imported token', true);
    if (tokens.expiresAt !== undefined && tokens.expiresAt <= now) {
      if (!tokens.refreshToken)
        throw new HostError('invalid_argument', 'the token has expired and has no refresh token');
      try {
        const config = await p.runtime.configuration();
        tokens = toTokenSet(
          await client.refreshTokenGrant(config, tokens.refreshToken),
          this.#ports.now(),
          tokens,
        );
      } catch (error) {
        const e = toSignInError(error);
        throw new HostError(
          'forbidden',
          `the saved token could not be refreshed: ${e.error}: ${e.errorDescription}`,
        );
      }
    }
    try {
      await this.#establish(p, tokens, options);
    } catch (error) {
      const e = toSignInError(error);
      throw new HostError(
        error instanceof HostError ? error.code : 'unavailable',
        `the saved token was not accepted: ${e.errorDescription}`,
      );
    }
    return this.#info(p).state;
  }

  cancel(providerId: string): boolean {
    const p = this.#provider(providerId);
    if (!p.attempt) return false;
    p.attempt.cancel('the sign-in was cancelled', false);
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
    return this.#sessionState(this.#provider(providerId), session);
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

  /** Sends a request with the provider's token attached, so the renderer never needs the token itself. */
  async request(
    providerId: string,
    request: {
      url: string;
      method?: string | undefined;
      headers?: Record<string, string> | undefined;
      body?: string | undefined;
    },
  ): Promise<AuthenticatedResponse> {
    const session = this.#session(providerId);
    const url = new URL(request.url);
    const allowed = await session.runtime.apiOrigins();
    if (!allowed.includes(url.origin)) {
      throw new HostError(
        'forbidden',
        `the ${session.runtime.settings.name} token may be sent only to ${allowed.join(', ') || 'no origin'}`,
      );
    }
    const send = async (tokens: TokenSet) => {
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${tokens.accessToken}`);
      if (!headers.has('user-agent')) headers.set('user-agent', 'Latchkey');
      return fetch(url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
    };
    let response: Response;
    try {
      response = await send(await session.fresh());
      // An access token the provider revoked early: refresh once and try again.
      if (response.status === 401 && session.tokens.refreshToken)
        response = await send(await session.refresh());
    } catch (error) {
      if (error instanceof HostError) throw error;
      throw new HostError('unavailable', `could not reach ${url.host}: ${(error as Error).message}`);
    }
    const buffer = await response.arrayBuffer();
    if (buffer.byteLength > MAX_RESPONSE_BYTES)
      throw new HostError('too_large', `the response is over ${MAX_RESPONSE_BYTES} bytes`);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: new TextDecoder().decode(buffer),
    };
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
      this.#changed(providerId);
      return { endSessionUrl: null };
    }
    session.end();
    p.remember = false;
    p.restored = false;
    await this.#vault?.remove(providerId).catch((error: unknown) => {
      this.#ports.log.warn(
        `latchkey: ${providerId}: could not remove the remembered sign-in: ${(error as Error).message}`,
      );
    });
    this.#ports.emit('auth.signedOut', { providerId, ...(reason ? { reason } : {}) });
    this.#changed(providerId);

    const settings = p.settings;
    const config = await p.runtime.configuration().catch(() => null);
    if (
      config &&
      options.revoke !== false &&
      !('revokeOnSignOut' in settings && settings.revokeOnSignOut === false)
    ) {
      if (await p.runtime.supportsRevocation().catch(() => false)) {
        const tokens = session.tokens;
        const revoke = async (token: string, hint: string) => {
          try {
            await client.tokenRevocation(config, token, { token_type_hint: hint });
          } catch (error) {
            this.#ports.log.warn(
              `latchkey: ${providerId}: revoking the ${hint} failed: ${(error as Error).message}`,
            );
          }
        };
        if (tokens.refreshToken) await revoke(tokens.refreshToken, 'refresh_token');
        await revoke(tokens.accessToken, 'access_token');
      }
    }
    let endSessionUrl: string | null = null;
    if (
      config &&
      'endSessionOnSignOut' in settings &&
      settings.endSessionOnSignOut &&
      config.serverMetadata().end_session_endpoint
    ) {
      endSessionUrl = client.buildEndSessionUrl(
        config,
        session.tokens.idToken ? { id_token_hint: session.tokens.idToken } : {},
      ).href;
      const opened = await this.#ports.openExternal(endSessionUrl).catch(() => false);
      if (opened) endSessionUrl = null;
    }
    return { endSessionUrl };
  }

  /** For tests and diagnostics: how many refresh requests a provider's session sent. */
  refreshCount(providerId: string): number {
    return this.#provider(providerId).session?.refreshCount ?? 0;
  }

  /** Test and diagnostics hook: the session object itself (tokens included), never exposed over the contract. */
  debugSession(providerId: string): TokenSession {
    return this.#session(providerId);
  }

  /** Test hook: make the current access token look expired. */
  expireAccessToken(providerId: string): void {
    const session = this.#session(providerId);
    session.tokens = { ...session.tokens, expiresAt: this.#ports.now() - 1000 };
  }

  close(): void {
    for (const p of this.#providers.values()) {
      p.attempt?.cancel('the app is closing', true);
      p.session?.end();
    }
  }
}
