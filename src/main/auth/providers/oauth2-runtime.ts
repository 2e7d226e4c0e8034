/**
 * The runtime of a plain OAuth 2.0 provider with fixed endpoints (GitHub, Microsoft Entra ID through Graph,
 * custom OAuth 2.0 servers): who the user is and their groups come from the type's own API calls.
 */
import * as client from 'openid-client';
import type { UserGroup, UserProfile } from '../../../shared/auth-types.ts';
import { capGroups } from '../profile-claims.ts';
import {
  clientAuth,
  fetchWithTimeout,
  getAllPages,
  getJson,
  mapOkWithError,
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

interface Endpoints {
  issuer: string;
  authorization: string;
  token: string;
  revocation?: string | undefined;
  device?: string | undefined;
}

interface OAuth2Options {
  example: { label: string; url: string } | null;
  endpoints: Endpoints;
  clientId: string;
  clientSecret?: string | undefined;
  clientAuthMethod: ClientAuthMethod;
  allowHttp: boolean;
  baseScopes: string[];
  userScopes: string[];
  groupScopes: string[];
  authParams?: Record<string, string>;
  /** The prompt for a sign-in (authorization-params.ts); default: `login` for "Add another account". */
  prompt?: RuntimeOf<unknown>['prompt'];
  apiOrigins: string[];
  fetchUser: (tokens: TokenSet, get: (url: string) => Promise<unknown>) => Promise<UserProfile | null>;
  fetchGroups: (
    tokens: TokenSet,
    get: (url: string) => Promise<unknown>,
    getAll: (url: string) => Promise<unknown[]>,
  ) => Promise<UserGroup[]>;
  /** GitHub reports errors with HTTP 200. */
  okWithError?: boolean;
  fetchImpl?: FetchImpl;
  deviceFlow: boolean;
}

export function createOAuth2Runtime<S>(settings: S, options: OAuth2Options): TypeRuntime<S> {
  const base = fetchWithTimeout(options.fetchImpl);
  const fetchImpl = options.okWithError ? mapOkWithError(base) : base;
  let cached: client.Configuration | null = null;
  const configuration = async () => {
    if (cached) return cached;
    const e = options.endpoints;
    const config = new client.Configuration(
      {
        issuer: e.issuer,
        authorization_endpoint: e.authorization,
        token_endpoint: e.token,
        ...(e.revocation ? { revocation_endpoint: e.revocation } : {}),
        ...(e.device ? { device_authorization_endpoint: e.device } : {}),
        code_challenge_methods_supported: ['S256'],
      },
      options.clientId,
      options.clientSecret ? { client_secret: options.clientSecret } : undefined,
      clientAuth(options.clientSecret, options.clientAuthMethod),
    );
    if (options.allowHttp) client.allowInsecureRequests(config);
    useFetch(config, fetchImpl);
    cached = config;
    return config;
  };
  const get = (tokens: TokenSet) => (url: string) => getJson(url, tokens.accessToken, base);
  const getAll = (tokens: TokenSet) => (url: string) => getAllPages(url, tokens.accessToken, base);

  return {
    settings,
    oidc: false,
    configuration,
    scopes: async (request: ScopeRequest) => [
      ...options.baseScopes,
      ...(request.fetchUser ? options.userScopes : []),
      ...(request.fetchGroups ? options.groupScopes : []),
      ...request.extra,
    ],
    authorizationParams: () => options.authParams ?? {},
    prompt: options.prompt ?? defaultPrompt,
    fetchUser: (tokens) => options.fetchUser(tokens, get(tokens)),
    fetchGroups: async (tokens) => capGroups(await options.fetchGroups(tokens, get(tokens), getAll(tokens))),
    supportsDevice: async () => options.deviceFlow && Boolean(options.endpoints.device),
    supportsRevocation: async () => Boolean(options.endpoints.revocation),
    apiOrigins: async () => [...new Set(options.apiOrigins.map((u) => new URL(u).origin))],
    exampleRequest: async () => options.example,
  };
}
