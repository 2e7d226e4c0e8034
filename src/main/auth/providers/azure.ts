/** Microsoft Entra ID (Azure AD) v2 as a public client, with Microsoft Graph for the user and groups. */
import { z } from 'zod';
import { HostError } from '../../../shared/errors.ts';
import { commonFields } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { str } from './http.ts';
import { createOAuth2Runtime } from './oauth2-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';

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
    }),
  defaultName: 'Microsoft',
  defaultId: 'azure',
  fromEnv: (env) =>
    env.AZURE_CLIENT_ID
      ? { type: 'azure', clientId: env.AZURE_CLIENT_ID, tenant: env.AZURE_TENANT || undefined }
      : null,
  binding: (settings) => ({ where: settings.tenant ?? null }),
  createRuntime(settings, { fetchImpl }) {
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
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
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
  },
});
