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
} from '../../shared/auth-types.ts';
import type { Events } from '../../shared/contract.ts';
import { HostError } from '../../shared/errors.ts';
import type { LoadedConfig, ProviderSettings } from './config/load.ts';
import { toSignInError } from './errors.ts';
import { LoopbackReceiver, type ResultPage } from './loopback.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import { errorPage, successPage } from './result-pages.ts';
import { TokenSession } from './token-session.ts';
import { toTokenSet, uniqueScopes } from './tokens.ts';

export interface SignInOptions {
  fetchUser?: boolean | undefined;
  fetchGroups?: boolean | undefined;
  scopes?: string[] | undefined;
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
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export class SignInService {
  readonly #providers = new Map<string, Provider>();
  readonly #ports: AuthPorts;
  readonly #config: LoadedConfig;
  readonly #deviceCapable = new Map<string, boolean>();
  readonly #examples = new Map<string, { label: string; url: string } | null>();

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
      });
    }
    // What a provider offers (device flow, an example API call) needs its metadata; learn it in the background.
    for (const runtime of runtimes) {
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
      state: p.session ? p.session.state() : p.state,
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
        fetchUser: options.fetchUser ?? ('fetchUser' in settings ? settings.fetchUser : undefined) ?? true,
        fetchGroups: this.#wantGroups(p, options),
        extra: [...(('scopes' in settings && settings.scopes) || []), ...(options.scopes ?? [])],
      }),
    );
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
    let config: client.Configuration;
    let scopes: string[];
    try {
      config = await p.runtime.configuration();
      scopes = await this.#scopes(p, options);
    } catch (error) {
      const e = toSignInError(error);
      this.#fail(p, e);
      throw new HostError('unavailable', e.errorDescription);
    }
    const fixed = 'redirectUri' in settings && settings.redirectUri ? new URL(settings.redirectUri) : null;
    let receiver: LoopbackReceiver;
    try {
      receiver = await LoopbackReceiver.start({
        port: fixed ? Number(fixed.port) : 0,
        path: fixed ? fixed.pathname : `/callback/${settings.id}`,
        hostname: fixed?.hostname ?? '127.0.0.1',
        timeoutMs: (('timeoutSeconds' in settings && settings.timeoutSeconds) || 300) * 1000,
      });
    } catch (error) {
      const e = toSignInError(error);
      this.#fail(p, e);
      throw error instanceof HostError ? error : new HostError('unavailable', e.errorDescription);
    }

    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
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
    let config: client.Configuration;
    let device: client.DeviceAuthorizationResponse;
    let scopes: string[];
    try {
      config = await p.runtime.configuration();
      scopes = await this.#scopes(p, options);
      device = await client.initiateDeviceAuthorization(config, {
        scope: scopes.join(' '),
        ...p.runtime.authorizationParams(),
      });
    } catch (error) {
      const e = toSignInError(error);
      this.#fail(p, e);
      throw new HostError('unavailable', e.errorDescription);
    }
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
    const wantUser = options.fetchUser ?? ('fetchUser' in settings ? settings.fetchUser : undefined) ?? true;
    const wantGroups = this.#wantGroups(p, options);
    const user = wantUser ? await p.runtime.fetchUser(tokens) : null;
    const groups = wantGroups ? await p.runtime.fetchGroups(tokens) : null;
    p.attempt = null;
    p.session?.end();
    const session = new TokenSession(p.runtime, tokens, user, groups, {
      now: this.#ports.now,
      persist: async () => {},
      invalidated: (reason) => void this.signOut(settings.id, reason, { revoke: false }),
      changed: () => this.#changed(settings.id),
      log: this.#ports.log,
    });
    p.session = session;
    p.state = session.state();
    this.#ports.emit('auth.signedIn', { providerId: settings.id, user });
    this.#changed(settings.id);
    this.#ports.bringToFront();
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
    return session.state();
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
