/**
 * GitLab (gitlab.com, Self-Managed and Dedicated) as an OpenID provider, per GitLab's "GitLab as OpenID
 * Connect identity provider": discovery at https://HOST, every claim released with the `openid` scope, the
 * user from userinfo, groups from a claim (`groups` in userinfo; `groups_direct` in the ID token).
 */
import { z } from 'zod';
import { hostOrigin } from '../../../shared/loopback.ts';
import { commonFields, hostField } from '../config/fields.ts';
import { defineProviderType } from './definition.ts';
import { createOidcRuntime } from './oidc-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';

/** The group claims GitLab documents: full paths of groups. */
const GROUP_CLAIMS = [
  'groups', // member, directly or through an ancestor group (userinfo)
  'groups_direct', // direct member (ID token)
  'https://gitlab.org/claims/groups/owner',
  'https://gitlab.org/claims/groups/maintainer',
  'https://gitlab.org/claims/groups/developer',
] as const;

export const gitlab = defineProviderType({
  type: 'gitlab',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH }),
      type: z.literal('gitlab'),
      host: hostField('GitLab Self-Managed or Dedicated host; default gitlab.com.'),
      groupsClaim: z
        .enum(GROUP_CLAIMS)
        .optional()
        .describe(
          'Which GitLab claim gives the groups: groups (default: direct and inherited membership), groups_direct, or the owner/maintainer/developer role claims.',
        ),
    }),
  defaultName: 'GitLab',
  defaultId: 'gitlab',
  fromEnv: (env) =>
    env.GITLAB_CLIENT_ID
      ? {
          type: 'gitlab',
          clientId: env.GITLAB_CLIENT_ID,
          clientSecret: env.GITLAB_CLIENT_SECRET || undefined,
          host: env.GITLAB_HOST || undefined,
        }
      : null,
  binding: (settings) => ({ where: settings.host ?? null }),
  createRuntime(settings, { fetchImpl }) {
    const web = hostOrigin(settings.host ?? 'gitlab.com', settings.allowInsecureHttp);
    return createOidcRuntime(settings, {
      ...(fetchImpl ? { fetchImpl } : {}),
      issuer: async () => web,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      groupsClaim: settings.groupsClaim ?? 'groups',
      allowHttp: web.startsWith('http:'),
      // GitLab (17.2 and later) grants device codes at /oauth/authorize_device but does not list that
      // endpoint in its discovery document.
      metadataDefaults: { device_authorization_endpoint: `${web}/oauth/authorize_device` },
    });
  },
});
