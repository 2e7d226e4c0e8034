/** Google: OpenID discovery at accounts.google.com. */
import { z } from 'zod';
import { commonFields } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { createOidcRuntime } from './oidc-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';

export const google = defineProviderType({
  type: 'google',
  schema: () => z.strictObject({ ...commonFields({ default: CLIENT_AUTH }), type: z.literal('google') }),
  defaultName: 'Google',
  defaultId: 'google',
  fromEnv: (env) =>
    env.GOOGLE_CLIENT_ID
      ? {
          type: 'google',
          clientId: env.GOOGLE_CLIENT_ID,
          clientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
        }
      : null,
  binding: () => ({}),
  createRuntime: (settings, { fetchImpl }) =>
    createOidcRuntime(settings, {
      ...(fetchImpl ? { fetchImpl } : {}),
      issuer: async () => 'https://accounts.google.com',
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      allowHttp: false,
      // Google gives a refresh token only with access_type=offline, and again only with prompt=consent: the
      // consent screen is asked for only while the account has no refresh token (not at every sign-in).
      authParams: { access_type: 'offline' },
      prompt: ({ addAccount, hasRefreshToken }) =>
        [addAccount ? 'select_account' : '', hasRefreshToken && !addAccount ? '' : 'consent']
          .filter(Boolean)
          .join(' ') || undefined,
    }),
});
