/**
 * The runtime of a provider found by OpenID discovery (Google, Auth0, GitLab, custom issuers, the demo):
 * user from the ID token and userinfo, groups from a claim.
 */
import * as client from 'openid-client';
import type { UserGroup, UserProfile } from '../../../shared/auth-types.ts';
import { HostError } from '../../../shared/errors.ts';
import { SingleFlight } from '../../async.ts';
import { tooLargeIn } from '../../net/bounded-read.ts';
import { trustDiscovered } from '../endpoint-trust.ts';
import { explainNetworkFailure } from '../../net/network-problem.ts';
import { capClaims, capGroups, groupsFromClaims } from '../profile-claims.ts';
import { tokenRefused } from '../errors.ts';
import {
  clientAuth,
  fetchWithTimeout,
  str,
  useFetch,
  type ClientAuthMethod,
  type FetchImpl,
} from './http.ts';
import {
  defaultPrompt,
  type RuntimeOf,
  type ScopeRequest,
  type TokenSet,
  type TypeRuntime,
} from './runtime.ts';

export interface OidcOptions {
  issuer: () => Promise<string>;
  clientId: string;
  clientSecret?: string | undefined;
  clientAuthMethod: ClientAuthMethod;
  groupsClaim?: string;
  allowHttp: boolean;
  baseScopes?: string[];
  userScopes?: string[];
  authParams?: Record<string, string>;
  /** The prompt for a sign-in (authorization-params.ts); default: `login` for "Add another account". */
  prompt?: RuntimeOf<unknown>['prompt'];
  /**
   * Endpoints the server serves but leaves out of its discovery document (GitLab's device authorization);
   * what the document names wins.
   */
  metadataDefaults?: Partial<client.ServerMetadata>;
  fetchImpl?: FetchImpl;
}

/** The entry fields this runtime reads itself; the rest come through the options. */
interface OidcSettings {
  id: string;
  deviceFlow?: boolean | undefined;
  apiOrigins?: string[] | undefined;
}

export function createOidcRuntime<S extends OidcSettings>(settings: S, options: OidcOptions): TypeRuntime<S> {
  const fetchImpl = fetchWithTimeout(options.fetchImpl);
  // Discovered once and kept; a failed discovery is not kept, so the next attempt tries again.
  const discovery = new SingleFlight(
    async (): Promise<client.Configuration> => {
      const issuer = new URL(await options.issuer());
      let discovered: client.Configuration;
      try {
        discovered = await client.discovery(
          issuer,
          options.clientId,
          options.clientSecret ? { client_secret: options.clientSecret } : undefined,
          clientAuth(options.clientSecret, options.clientAuthMethod),
          {
            ...(options.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
            [client.customFetch]: (url: string, init: client.CustomFetchOptions) =>
              fetchImpl(url, init as RequestInit),
          },
        );
      } catch (error) {
        const problem = explainNetworkFailure(error, issuer);
        throw Object.assign(
          new HostError(
            'unavailable',
            problem?.message ??
              `cannot use ${issuer.href} as an OpenID provider: ${describeDiscoveryError(error)}`,
          ),
          { cause: error },
        );
      }
      const defaults = options.metadataDefaults ?? {};
      const metadata = discovered.serverMetadata();
      if (Object.keys(defaults).every((key) => metadata[key] !== undefined)) {
        useFetch(discovered, fetchImpl);
        trustDiscovered(discovered, options.allowHttp);
        return discovered;
      }
      const completed = new client.Configuration(
        { ...defaults, ...metadata },
        options.clientId,
        options.clientSecret ? { client_secret: options.clientSecret } : undefined,
        clientAuth(options.clientSecret, options.clientAuthMethod),
      );
      if (options.allowHttp) client.allowInsecureRequests(completed);
      useFetch(completed, fetchImpl);
      trustDiscovered(completed, options.allowHttp);
      return completed;
    },
    { keep: true },
  );
  const configuration = (): Promise<client.Configuration> => discovery.run();

  const scopesSupported = async (): Promise<Set<string> | null> => {
    const list = (await configuration()).serverMetadata().scopes_supported;
    return Array.isArray(list) ? new Set(list) : null;
  };

  // fetchUser and fetchGroups both read the same claims: ask the userinfo endpoint once per access token.
  let lastClaims: { accessToken: string; claims: Promise<Record<string, unknown>> } | null = null;

  return {
    settings,
    oidc: true,
    configuration,
    async scopes(request: ScopeRequest) {
      const supported = await scopesSupported();
      const has = (s: string) => supported === null || supported.has(s);
      const scopes = ['openid', ...(options.baseScopes ?? [])];
      if (has('offline_access') && supported !== null) scopes.push('offline_access');
      if (request.fetchUser) scopes.push(...(options.userScopes ?? ['profile', 'email']));
      const groupsScope = options.groupsClaim ?? 'groups';
      if (request.fetchGroups && supported?.has(groupsScope)) scopes.push(groupsScope);
      return [...scopes, ...request.extra];
    },
    authorizationParams: () => options.authParams ?? {},
    prompt: options.prompt ?? defaultPrompt,
    async fetchUser(tokens: TokenSet): Promise<UserProfile> {
      const claims = await userClaims(tokens);
      return {
        id: String(claims.sub),
        name: str(claims.name),
        email: str(claims.email),
        login: str(claims.preferred_username) ?? str(claims.nickname),
        avatarUrl: str(claims.picture),
        ...capClaims(claims),
      };
    },
    async fetchGroups(tokens: TokenSet): Promise<UserGroup[]> {
      const claims = await userClaims(tokens);
      const value = claims[options.groupsClaim ?? 'groups'];
      // A list of names or of objects (id, name, …), or one space/comma separated string of names.
      if (Array.isArray(value)) return capGroups(groupsFromClaims(value));
      return typeof value === 'string' ? groupsFromClaims(value.split(/[ ,]+/)) : [];
    },
    async supportsDevice() {
      if (settings.deviceFlow === false) return false;
      return typeof (await configuration()).serverMetadata().device_authorization_endpoint === 'string';
    },
    async supportsRevocation() {
      return typeof (await configuration()).serverMetadata().revocation_endpoint === 'string';
    },
    async exampleRequest() {
      const endpoint = (await configuration()).serverMetadata().userinfo_endpoint;
      return endpoint ? { label: 'Call userinfo', url: endpoint } : null;
    },
    async apiOrigins() {
      const m = (await configuration()).serverMetadata();
      const urls = [m.issuer, m.userinfo_endpoint, ...(settings.apiOrigins ?? [])];
      return [
        ...new Set(urls.filter((u): u is string => typeof u === 'string').map((u) => new URL(u).origin)),
      ];
    },
  };

  function userClaims(tokens: TokenSet): Promise<Record<string, unknown>> {
    if (lastClaims?.accessToken !== tokens.accessToken) {
      const claims = readUserClaims(tokens);
      claims.catch(() => (lastClaims = null));
      lastClaims = { accessToken: tokens.accessToken, claims };
    }
    return lastClaims.claims;
  }

  /** ID token claims, completed by the userinfo endpoint when there is one. */
  async function readUserClaims(tokens: TokenSet): Promise<Record<string, unknown>> {
    const config = await configuration();
    const fromIdToken = tokens.idTokenClaims ?? {};
    const sub = fromIdToken.sub;
    if (!config.serverMetadata().userinfo_endpoint) {
      if (typeof sub !== 'string')
        throw new HostError('unavailable', 'the provider gave no ID token and has no userinfo endpoint');
      return fromIdToken;
    }
    try {
      const info = await client.fetchUserInfo(
        config,
        tokens.accessToken,
        typeof sub === 'string' ? sub : client.skipSubjectCheck,
      );
      return { ...fromIdToken, ...info };
    } catch (error) {
      // A token the provider refuses (revoked, expired early) is not "offline": say so with its words.
      const refused = tokenRefused(error);
      const large = tooLargeIn(error);
      if (large) throw large;
      if (refused) throw new HostError('forbidden', `the provider no longer accepts this token (${refused})`);
      throw new HostError(
        'unavailable',
        `could not read the user from the provider: ${(error as Error).message}`,
      );
    }
  }
}

function describeDiscoveryError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${causeText}`;
  }
  return String(error);
}
