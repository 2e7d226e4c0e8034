/**
 * Plain OAuth 2.0 providers with fixed endpoints: GitHub (and GitHub Enterprise Server), Microsoft Entra ID
 * through Microsoft Graph, and custom OAuth 2.0 servers configured by their endpoints.
 */
import * as client from 'openid-client';
import type { UserProfile } from '../../../shared/auth-types.ts';
import { HostError } from '../../../shared/errors.ts';
import type { ProviderSettings } from '../config/load.ts';
import {
  clientAuth,
  fetchWithTimeout,
  getAllPages,
  getJson,
  mapOkWithError,
  pick,
  str,
  useFetch,
  type ClientAuthMethod,
  type FetchImpl,
} from './http.ts';
import type { ScopeRequest, TokenSet, TypeRuntime } from './types.ts';

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
  apiOrigins: string[];
  fetchUser: (tokens: TokenSet, get: (url: string) => Promise<unknown>) => Promise<UserProfile | null>;
  fetchGroups: (
    tokens: TokenSet,
    get: (url: string) => Promise<unknown>,
    getAll: (url: string) => Promise<unknown[]>,
  ) => Promise<string[]>;
  /** GitHub reports errors with HTTP 200. */
  okWithError?: boolean;
  fetchImpl?: FetchImpl;
  deviceFlow: boolean;
}

function createOAuth2Runtime(settings: ProviderSettings, options: OAuth2Options): TypeRuntime {
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
    fetchUser: (tokens) => options.fetchUser(tokens, get(tokens)),
    fetchGroups: (tokens) => options.fetchGroups(tokens, get(tokens), getAll(tokens)),
    supportsDevice: async () => options.deviceFlow && Boolean(options.endpoints.device),
    supportsRevocation: async () => Boolean(options.endpoints.revocation),
    apiOrigins: async () => [...new Set(options.apiOrigins.map((u) => new URL(u).origin))],
    exampleRequest: async () => options.example,
  };
}

const httpOrHttps = (settings: { allowInsecureHttp?: boolean | undefined }, host: string) =>
  settings.allowInsecureHttp && /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? 'http' : 'https';

export function createGitHubRuntime(
  settings: Extract<ProviderSettings, { type: 'github' }>,
  fetchImpl?: FetchImpl,
): TypeRuntime {
  const host = settings.host ?? 'github.com';
  const web = `${httpOrHttps(settings, host)}://${host}`;
  // github.com's API has its own host; GitHub Enterprise Server serves it under /api/v3.
  const api = host === 'github.com' ? 'https://api.github.com' : `${web}/api/v3`;
  return createOAuth2Runtime(settings, {
    endpoints: {
      issuer: web,
      authorization: `${web}/login/oauth/authorize`,
      token: `${web}/login/oauth/access_token`,
      device: `${web}/login/device/code`,
    },
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_post',
    allowHttp: web.startsWith('http:'),
    baseScopes: [],
    userScopes: ['read:user', 'user:email'],
    groupScopes: ['read:org'],
    apiOrigins: [api, ...(settings.apiOrigins ?? [])],
    example: { label: 'List my repositories', url: `${api}/user/repos?per_page=5&sort=updated` },
    okWithError: true,
    deviceFlow: settings.deviceFlow !== false,
    ...(fetchImpl ? { fetchImpl } : {}),
    fetchUser: async (_tokens, get) => {
      const user = (await get(`${api}/user`)) as Record<string, unknown>;
      let email = str(user.email);
      let emailUnavailable: string | undefined;
      if (!email) {
        // The profile e-mail is empty when the user keeps it private; the primary one is in /user/emails,
        // which a GitHub App without the e-mail permission may not read (403): sign in without it, say why.
        const emails = await get(`${api}/user/emails`).catch((error: unknown) => {
          emailUnavailable = `GitHub did not share the e-mail address (${(error as Error).message})`;
          return [];
        });
        if (Array.isArray(emails)) {
          const primary =
            emails.find((e: { primary?: boolean; verified?: boolean }) => e.primary && e.verified) ??
            emails.find((e: { primary?: boolean }) => e.primary);
          email = str((primary as { email?: unknown } | undefined)?.email);
        }
      }
      const id = str(user.id);
      if (!id) throw new HostError('unavailable', 'GitHub returned a user without an id');
      return {
        id,
        name: str(user.name) ?? str(user.login),
        email,
        login: str(user.login),
        avatarUrl: str(user.avatar_url),
        ...(emailUnavailable && !email ? { emailUnavailable } : {}),
      };
    },
    // Teams come 100 a page; Link: rel="next" names the next one (at most 10 pages).
    fetchGroups: async (_tokens, _get, getAll) => {
      const teams = (await getAll(`${api}/user/teams?per_page=100`)) as Array<{
        slug?: string;
        name?: string;
        organization?: { login?: string };
      }>;
      return teams.map((t) =>
        t.organization?.login
          ? `${t.organization.login}/${t.slug ?? t.name ?? '?'}`
          : (t.slug ?? t.name ?? '?'),
      );
    },
  });
}

export function createAzureRuntime(
  settings: Extract<ProviderSettings, { type: 'azure' }>,
  fetchImpl?: FetchImpl,
): TypeRuntime {
  const tenant = settings.tenant ?? 'common';
  const login = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
  const graph = 'https://graph.microsoft.com/v1.0';
  // Microsoft Graph gives the user and groups; the multi-tenant "common" issuer cannot be checked as an
  // OpenID issuer (its metadata names a {tenantid} template), so Entra ID is used as OAuth 2.0 + Graph.
  return createOAuth2Runtime(settings, {
    endpoints: {
      issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
      authorization: `${login}/authorize`,
      token: `${login}/token`,
      device: `${login}/devicecode`,
    },
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_post',
    allowHttp: false,
    baseScopes: ['offline_access'],
    userScopes: ['User.Read'],
    groupScopes: ['GroupMember.Read.All'],
    apiOrigins: [graph, ...(settings.apiOrigins ?? [])],
    example: { label: 'Read my Microsoft Graph profile', url: `${graph}/me` },
    deviceFlow: settings.deviceFlow !== false,
    ...(fetchImpl ? { fetchImpl } : {}),
    fetchUser: async (_tokens, get) => {
      const me = (await get(`${graph}/me`)) as Record<string, unknown>;
      const id = str(me.id);
      if (!id) throw new HostError('unavailable', 'Microsoft Graph returned a user without an id');
      return {
        id,
        name: str(me.displayName),
        email: str(me.mail) ?? str(me.userPrincipalName),
        login: str(me.userPrincipalName),
      };
    },
    fetchGroups: async (_tokens, get) => {
      const result = (await get(`${graph}/me/memberOf?$select=displayName,id`)) as {
        value?: Array<{ displayName?: string; id?: string }>;
      };
      return (result.value ?? []).map((g) => g.displayName ?? g.id ?? '?');
    },
  });
}

export function createCustomOAuth2Runtime(
  settings: Extract<ProviderSettings, { type: 'oauth2' }>,
  fetchImpl?: FetchImpl,
): TypeRuntime {
  const origins = [settings.userEndpoint, settings.groupsEndpoint, ...(settings.apiOrigins ?? [])].filter(
    (u): u is string => Boolean(u),
  );
  return createOAuth2Runtime(settings, {
    // Some servers (GitHub and those that copy it) answer token errors, authorization_pending included,
    // with HTTP 200: read them as the errors they are.
    okWithError: true,
    endpoints: {
      issuer: new URL(settings.authorizationEndpoint).origin,
      authorization: settings.authorizationEndpoint,
      token: settings.tokenEndpoint,
      revocation: settings.revocationEndpoint,
      device: settings.deviceAuthorizationEndpoint,
    },
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    clientAuthMethod: settings.clientAuthMethod ?? 'client_secret_basic',
    allowHttp: settings.allowInsecureHttp === true,
    baseScopes: [],
    userScopes: [],
    groupScopes: [],
    apiOrigins: origins,
    example: settings.userEndpoint ? { label: 'Call the user endpoint', url: settings.userEndpoint } : null,
    deviceFlow: settings.deviceFlow !== false,
    ...(fetchImpl ? { fetchImpl } : {}),
    fetchUser: async (_tokens, get) => {
      if (!settings.userEndpoint) return null;
      const user = await get(settings.userEndpoint);
      const id = str(pick(user, settings.userIdField ?? 'id'));
      if (!id)
        throw new HostError(
          'unavailable',
          `the user endpoint's answer has no "${settings.userIdField ?? 'id'}" field`,
        );
      return {
        id,
        name: str(pick(user, 'name')) ?? str(pick(user, 'login')) ?? str(pick(user, 'username')),
        email: str(pick(user, 'email')),
        login: str(pick(user, 'login')) ?? str(pick(user, 'username')),
        avatarUrl: str(pick(user, 'avatar_url')) ?? str(pick(user, 'picture')),
      };
    },
    fetchGroups: async (_tokens, get) => {
      if (!settings.groupsEndpoint) return [];
      const groups = await get(settings.groupsEndpoint);
      const list = Array.isArray(groups) ? groups : (pick(groups, 'groups') ?? pick(groups, 'value'));
      if (!Array.isArray(list)) return [];
      return list.map(
        (g) => str(g) ?? str(pick(g, 'name')) ?? str(pick(g, 'displayName')) ?? str(pick(g, 'id')) ?? '?',
      );
    },
  });
}
