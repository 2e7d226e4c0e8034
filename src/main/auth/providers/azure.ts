/**
 * Microsoft Entra ID (Azure AD) v2 as a public client, with Microsoft Graph for the user and (when asked or
 * when the token has too many) the groups; the groups claim of the ID token otherwise (azure-groups.ts).
 */
import { z } from 'zod';
import { HostError } from '../../../shared/errors.ts';
import { hostOrigin } from '../../../shared/loopback.ts';
import { commonFields, hostField } from '../config/fields.ts';
import { capClaims } from '../profile-claims.ts';
import { azureGroups, GRAPH_GROUPS_PERMISSION } from './azure-groups.ts';
import { entraIdTokens } from './azure-id-token.ts';
import { defineProviderType } from './definition.ts';
import { fetchWithTimeout, str } from './http.ts';
import { createOAuth2Runtime } from './oauth2-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';
const LOGIN_HOST = 'login.microsoftonline.com';
const GRAPH_HOST = 'graph.microsoft.com';

export const azure = defineProviderType({
  type: 'azure',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH }),
      type: z.literal('azure'),
      tenant: z
        .string()
        .regex(/^[A-Za-z0-9.-]+$/, { error: 'must be a tenant id or domain' })
        .optional()
        .describe('Default "common".'),
      groupsSource: z
        .enum(['claim', 'graph'])
        .optional()
        .describe(
          'Where groups come from with fetchGroups: "claim" (default): the ID token\'s groups claim (add it in the app registration; no administrator consent), Microsoft Graph /me/memberOf only when the user has too many groups for the token; "graph": always Graph, asking for GroupMember.Read.All, which needs an administrator\'s consent in most tenants.',
        ),
      authorityHost: hostField(
        'Sign-in host of a national cloud, e.g. login.microsoftonline.us; default login.microsoftonline.com.',
      ),
      graphHost: hostField(
        'Microsoft Graph host of a national cloud, e.g. graph.microsoft.us; default graph.microsoft.com.',
      ),
    }),
  defaultName: 'Microsoft',
  defaultId: 'azure',
  fromEnv: (env) =>
    env.AZURE_CLIENT_ID
      ? { type: 'azure', clientId: env.AZURE_CLIENT_ID, tenant: env.AZURE_TENANT || undefined }
      : null,
  // The tenant alone for Microsoft's global cloud (the shape remembered sessions already hold); the hosts too
  // for another cloud, so tokens never go to a Graph they were not issued for.
  binding: (settings) => ({
    where:
      settings.authorityHost || settings.graphHost
        ? `${settings.authorityHost ?? LOGIN_HOST}/${settings.tenant ?? 'common'} ${settings.graphHost ?? GRAPH_HOST}`
        : (settings.tenant ?? null),
  }),
  createRuntime(settings, { fetchImpl }) {
    const tenant = settings.tenant ?? 'common';
    const authority = hostOrigin(settings.authorityHost ?? LOGIN_HOST, settings.allowInsecureHttp);
    const login = `${authority}/${tenant}/oauth2/v2.0`;
    const graph = `${hostOrigin(settings.graphHost ?? GRAPH_HOST, settings.allowInsecureHttp)}/v1.0`;
    const source = settings.groupsSource ?? 'claim';
    // The ID token (with the groups claim) is taken out of token answers and checked here: see azure-id-token.ts.
    // Deadline and size cap first: the ID-token reader reads token answers before the OAuth library does.
    const base = fetchWithTimeout(fetchImpl);
    const idTokens = entraIdTokens(base, {
      tokenEndpoint: `${login}/token`,
      authority,
      clientId: settings.clientId,
      tenant,
    });
    // Microsoft Graph gives the user; the multi-tenant "common" issuer cannot be checked as an OpenID issuer
    // (its metadata names a {tenantid} template), so Entra ID is used as OAuth 2.0 + Graph.
    return createOAuth2Runtime(settings, {
      endpoints: {
        issuer: `${authority}/${tenant}/v2.0`,
        authorization: `${login}/authorize`,
        token: `${login}/token`,
        device: `${login}/devicecode`,
      },
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      allowHttp: authority.startsWith('http:'),
      baseScopes: ['offline_access'],
      userScopes: ['User.Read'],
      // The groups claim comes in the ID token (`openid`); only Graph as the source needs the admin-consented scope.
      groupScopes: source === 'graph' ? [GRAPH_GROUPS_PERMISSION] : ['openid'],
      apiOrigins: [graph, ...(settings.apiOrigins ?? [])],
      example: { label: 'Read my Microsoft Graph profile', url: `${graph}/me` },
      deviceFlow: settings.deviceFlow !== false,
      fetchImpl: idTokens.fetch,
      // "Add another account" opens Microsoft's account picker rather than the account already signed in.
      prompt: ({ addAccount }) => (addAccount ? 'select_account' : undefined),
      fetchUser: async (_tokens, get) => {
        const me = (await get(`${graph}/me`)) as Record<string, unknown>;
        const id = str(me.id);
        if (!id) throw new HostError('unavailable', 'Microsoft Graph returned a user without an id');
        return {
          id,
          name: str(me.displayName),
          email: str(me.mail) ?? str(me.userPrincipalName),
          login: str(me.userPrincipalName),
          // Graph's /me as received (jobTitle, officeLocation, …).
          ...capClaims(me),
        };
      },
      fetchGroups: (tokens) =>
        azureGroups(tokens.accessToken, {
          source,
          graph,
          fetchImpl: base,
          idTokenClaims: idTokens.claimsFor,
        }),
    });
  },
});
