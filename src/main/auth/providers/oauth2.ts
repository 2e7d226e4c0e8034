/** A custom OAuth 2.0 server configured by its endpoints, with the user and groups read from JSON endpoints. */
import { z } from 'zod';
import { HostError } from '../../../shared/errors.ts';
import { commonFields, httpUrl } from '../config/fields.ts';
import { capClaims, groupsFromClaims } from '../profile-claims.ts';
import { defineProviderType } from './definition.ts';
import { pick, str } from './http.ts';
import { createOAuth2Runtime } from './oauth2-runtime.ts';

// Every OAuth 2.0 server must accept HTTP Basic (RFC 6749 section 2.3.1).
const CLIENT_AUTH = 'client_secret_basic';

export const oauth2 = defineProviderType({
  type: 'oauth2',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH, why: 'the method every OAuth 2.0 server must support' }),
      type: z.literal('oauth2'),
      authorizationEndpoint: httpUrl(),
      tokenEndpoint: httpUrl(),
      userEndpoint: httpUrl().optional().describe('Returns the user as JSON, called with the access token.'),
      userIdField: z
        .string()
        .min(1)
        .optional()
        .describe('Field of the user JSON that holds the id (dot path; default "id").'),
      groupsEndpoint: httpUrl()
        .optional()
        .describe('Returns the groups as a JSON array of strings or of objects with a name.'),
      revocationEndpoint: httpUrl().optional(),
      deviceAuthorizationEndpoint: httpUrl().optional(),
    }),
  defaultName: 'OAuth',
  defaultId: null,
  endpoints: (entry) => ({
    authorizationEndpoint: entry.authorizationEndpoint,
    tokenEndpoint: entry.tokenEndpoint,
    userEndpoint: entry.userEndpoint,
    groupsEndpoint: entry.groupsEndpoint,
    revocationEndpoint: entry.revocationEndpoint,
    deviceAuthorizationEndpoint: entry.deviceAuthorizationEndpoint,
  }),
  binding: (settings) => ({ authorization: settings.authorizationEndpoint, token: settings.tokenEndpoint }),
  createRuntime(settings, { fetchImpl }) {
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
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
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
          ...capClaims(user),
        };
      },
      fetchGroups: async (_tokens, get) => {
        if (!settings.groupsEndpoint) return [];
        const groups = await get(settings.groupsEndpoint);
        const list = Array.isArray(groups) ? groups : (pick(groups, 'groups') ?? pick(groups, 'value'));
        if (!Array.isArray(list)) return [];
        // Strings, or objects with their fields kept (name from name, displayName or id).
        return groupsFromClaims(list);
      },
    });
  },
});
