/** Any OpenID provider, by its issuer URL (Keycloak, Authentik, Okta, a provider on this machine, …). */
import { z } from 'zod';
import { isLoopbackUrl } from '../../../shared/loopback.ts';
import { commonFields, httpUrl } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { createOidcRuntime } from './oidc-runtime.ts';

// Every OAuth 2.0 server must accept HTTP Basic; it is also oidc-provider's and Keycloak's default.
const CLIENT_AUTH = 'client_secret_basic';

export const oidc = defineProviderType({
  type: 'oidc',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH, why: 'the method every OAuth 2.0 server must support' }),
      type: z.literal('oidc'),
      issuer: httpUrl().describe('Issuer URL; its /.well-known/openid-configuration is used.'),
      groupsClaim: z.string().min(1).optional().describe('Claim that holds the groups (default "groups").'),
    }),
  defaultName: 'OpenID Connect',
  defaultId: null,
  endpoints: (entry) => ({ issuer: entry.issuer }),
  binding: (settings) => ({ where: settings.issuer }),
  createRuntime: (settings, { fetchImpl }) =>
    createOidcRuntime(settings, {
      ...(fetchImpl ? { fetchImpl } : {}),
      issuer: async () => settings.issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      groupsClaim: settings.groupsClaim ?? 'groups',
      allowHttp:
        settings.allowInsecureHttp === true &&
        new URL(settings.issuer).protocol === 'http:' &&
        isLoopbackUrl(settings.issuer),
    }),
});
