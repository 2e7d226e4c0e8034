/** GitHub and GitHub Enterprise Server: OAuth 2.0 with the REST API for the user, e-mail and teams. */
import { z } from 'zod';
import type { UserGroup } from '../../../shared/auth-types.ts';
import { HostError } from '../../../shared/errors.ts';
import { hostOrigin } from '../../../shared/loopback.ts';
import { commonFields, hostField } from '../config/fields.ts';
import { capClaims, ownFields } from '../profile-claims.ts';
import { defineProviderType } from './definition.ts';
import { str } from './http.ts';
import { createOAuth2Runtime } from './oauth2-runtime.ts';

const CLIENT_AUTH = 'client_secret_post';

export const github = defineProviderType({
  type: 'github',
  schema: () =>
    z.strictObject({
      ...commonFields({ default: CLIENT_AUTH }),
      type: z.literal('github'),
      host: hostField('GitHub Enterprise Server host; default github.com.'),
    }),
  defaultName: 'GitHub',
  defaultId: 'github',
  fromEnv: (env) =>
    env.GITHUB_CLIENT_ID
      ? {
          type: 'github',
          clientId: env.GITHUB_CLIENT_ID,
          clientSecret: env.GITHUB_CLIENT_SECRET || undefined,
          host: env.GITHUB_HOST || undefined,
        }
      : null,
  binding: (settings) => ({ where: settings.host ?? null }),
  createRuntime(settings, { fetchImpl }) {
    const host = settings.host ?? 'github.com';
    const web = hostOrigin(host, settings.allowInsecureHttp);
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
      clientAuthMethod: settings.clientAuthMethod ?? CLIENT_AUTH,
      allowHttp: web.startsWith('http:'),
      baseScopes: [],
      userScopes: ['read:user', 'user:email'],
      groupScopes: ['read:org'],
      apiOrigins: [api, ...(settings.apiOrigins ?? [])],
      example: { label: 'List my repositories', url: `${api}/user/repos?per_page=5&sort=updated` },
      okWithError: true,
      deviceFlow: settings.deviceFlow !== false,
      // "Add another account" opens GitHub's account picker (`prompt=select_account`) rather than the account already signed in.
      prompt: ({ addAccount }) => (addAccount ? 'select_account' : undefined),
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
          // The /user JSON as GitHub sent it (company, blog, location, …): Flet's User.
          ...capClaims(user),
        };
      },
      // Teams come 100 a page; Link: rel="next" names the next one (at most 10 pages).
      fetchGroups: async (_tokens, _get, getAll) =>
        (await getAll(`${api}/user/teams?per_page=100`)).map(teamGroup),
    });
  },
});

/**
 * A team as a group: the team JSON as GitHub sent it, with `name` the team's name (as Flet's Group has it)
 * and `org`, `slug` and `path` ("org/slug", what Latchkey's groups were before they had fields) beside it.
 */
export function teamGroup(team: unknown): UserGroup {
  const t = typeof team === 'object' && team !== null ? ownFields(team as Record<string, unknown>) : {};
  const slug = str(t.slug) ?? str(t.name) ?? '?';
  const org = str((t.organization as { login?: unknown } | undefined)?.login);
  const path = org ? `${org}/${slug}` : slug;
  return { ...t, id: str(t.id) ?? path, name: str(t.name) ?? slug, slug, ...(org ? { org } : {}), path };
}
