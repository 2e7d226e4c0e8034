/** Auth0: OpenID discovery at the tenant's domain, with an optional API audience. */
import { z } from 'zod';
import { commonFields } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { createOidcRuntime } from './oidc-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';

export const auth0 = defineProviderType({
  type: 'auth0',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH }),
      type: z.literal('auth0'),
      domain: z
        .string()
        .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, { error: 'must be a host name like tenant.eu.auth0.com' }),
      audience: z.string().optional(),
    }),
  defaultName: 'Auth0',
  defaultId: 'auth0',
  fromEnv: (env) =>
    env.AUTH0_CLIENT_ID || env.AUTH0_DOMAIN
      ? {
          type: 'auth0',
          clientId: env.AUTH0_CLIENT_ID,
          domain: env.AUTH0_DOMAIN,
          clientSecret: env.AUTH0_CLIENT_SECRET || undefined,
          audience: env.AUTH0_AUDIENCE || undefined,
        }
      : null,
  binding: (settings) => ({ where: settings.domain }),
  createRuntime: (settings, { fetchImpl }) =>
    createOidcRuntime(settings, {
      ...(fetchImpl ? { fetchImpl } : {}),
      issuer: async () => `https://${settings.domain}/`,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      allowHttp: false,
      baseScopes: ['offline_access'],
      authParams: settings.audience ? { audience: settings.audience } : {},
    }),
});
