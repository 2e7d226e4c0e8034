/**
 * The providers file: its schema (zod; `providers.schema.json` at the repository root is generated from it)
 * and the defaults for each provider type. See the README's "Sign-in configuration".
 */
import { z } from 'zod';

export const PROVIDER_TYPES = ['github', 'google', 'azure', 'auth0', 'oidc', 'oauth2', 'demo'] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
      error: 'must be 1-40 lowercase letters, digits, - or _, starting with a letter or digit',
    })
    .optional()
    .describe('Unique id; also the redirect path /callback/<id>. Defaults to the type for built-in types.'),
  name: z.string().min(1).max(60).optional().describe('Shown on the button "Sign in with <name>".'),
  clientId: z.string().min(1).describe('The OAuth client id registered with the provider.'),
  clientSecret: z
    .string()
    .min(1)
    .optional()
    .describe('Only for providers that require one (a desktop app cannot keep it secret). Never logged.'),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, { error: 'must be a scope token' }))
    .optional()
    .describe('Extra scopes, added to the defaults.'),
  clientAuthMethod: z
    .enum(['client_secret_basic', 'client_secret_post'])
    .optional()
    .describe(
      'How the client secret is sent to the token endpoint. Default: client_secret_basic for oidc and oauth2 (the method every OAuth 2.0 server must support), client_secret_post for github, google, azure and auth0.',
    ),
  redirectUri: httpUrl
    .optional()
    .describe(
      'Fixed loopback redirect URI (http://127.0.0.1:PORT/PATH or http://localhost:PORT/PATH) for providers that register an exact port. Default: http://127.0.0.1:<free port>/callback/<id>.',
    ),
  fetchUser: z.boolean().optional().describe('Fetch the user profile after sign-in (default true).'),
  fetchGroups: z.boolean().optional().describe('Fetch the user groups/teams after sign-in (default false).'),
  deviceFlow: z
    .boolean()
    .optional()
    .describe(
      'Offer the device authorization grant (RFC 8628) where the provider supports it (default true).',
    ),
  allowInsecureHttp: z
    .boolean()
    .optional()
    .describe(
      'Allow plain-http endpoints; only ever for loopback hosts (local and test identity providers). Default false.',
    ),
  timeoutSeconds: z
    .number()
    .int()
    .min(10)
    .max(3600)
    .optional()
    .describe('How long to wait for the browser redirect (default 300).'),
  revokeOnSignOut: z
    .boolean()
    .optional()
    .describe('Revoke tokens (RFC 7009) on sign-out where supported (default true).'),
  endSessionOnSignOut: z
    .boolean()
    .optional()
    .describe(
      "Also end the provider's browser session (OIDC RP-initiated logout) on sign-out (default false).",
    ),
  apiOrigins: z
    .array(httpUrl)
    .optional()
    .describe('Extra origins the authenticated-request helper may send this token to.'),
};

const github = z.strictObject({
  ...common,
  type: z.literal('github'),
  host: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, { error: 'must be a host name, optionally with :port' })
    .optional()
    .describe('GitHub Enterprise Server host; default github.com.'),
});
const google = z.strictObject({ ...common, type: z.literal('google') });
const azure = z.strictObject({
  ...common,
  type: z.literal('azure'),
  tenant: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, { error: 'must be a tenant id or domain' })
    .optional()
    .describe('Default "common".'),
});
const auth0 = z.strictObject({
  ...common,
  type: z.literal('auth0'),
  domain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, { error: 'must be a host name like tenant.eu.auth0.com' }),
  audience: z.string().optional(),
});
const oidc = z.strictObject({
  ...common,
  type: z.literal('oidc'),
  issuer: httpUrl.describe('Issuer URL; its /.well-known/openid-configuration is used.'),
  groupsClaim: z.string().min(1).optional().describe('Claim that holds the groups (default "groups").'),
});
const oauth2 = z.strictObject({
  ...common,
  type: z.literal('oauth2'),
  authorizationEndpoint: httpUrl,
  tokenEndpoint: httpUrl,
  userEndpoint: httpUrl.optional().describe('Returns the user as JSON, called with the access token.'),
  userIdField: z
    .string()
    .min(1)
    .optional()
    .describe('Field of the user JSON that holds the id (dot path; default "id").'),
  groupsEndpoint: httpUrl
    .optional()
    .describe('Returns the groups as a JSON array of strings or of objects with a name.'),
  revocationEndpoint: httpUrl.optional(),
  deviceAuthorizationEndpoint: httpUrl.optional(),
});
const demo = z.strictObject({
  type: z.literal('demo'),
  id: common.id,
  name: common.name,
});

export const ProviderEntry = z.discriminatedUnion('type', [github, google, azure, auth0, oidc, oauth2, demo]);
export type ProviderEntry = z.infer<typeof ProviderEntry>;

export const ProvidersFile = z.object({
  $schema: z.string().optional(),
  providers: z.array(z.unknown()).describe('The sign-in providers, each an object with a "type".'),
  completePageHtml: z
    .string()
    .optional()
    .describe('HTML shown in the browser after a successful sign-in. {{provider}} is replaced.'),
  errorPageHtml: z
    .string()
    .optional()
    .describe('HTML shown in the browser after a failed sign-in. {{provider}} and {{error}} are replaced.'),
});

/** The JSON Schema of the file, for editors and the README. */
export function providersJsonSchema(): unknown {
  return z.toJSONSchema(ProvidersFile.extend({ providers: z.array(ProviderEntry) }), {
    target: 'draft-2020-12',
    io: 'input',
  });
}
