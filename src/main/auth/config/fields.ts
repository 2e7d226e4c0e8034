/**
 * The fields every provider entry shares (zod), and the kinds of field several types use. Each provider type
 * module builds its entry schema from these; schema.ts joins them into the providers file's schema.
 */
import { z } from 'zod';
import { authorizationParamsSchema } from '../../../shared/authorization-params.ts';
import type { ClientAuthMethod } from '../providers/http.ts';

// Functions, not constants: a schema is built only when an entry is checked, never at start-up.

// Its own words only for a string that is not an http(s) URL: a missing field is "is required", a number
// "must be a string", as for every other field (parse-entries.ts says those).
export const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: (issue) => (typeof issue.input === 'string' ? 'must be an http(s) URL' : undefined),
  });

export const idField = () =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
      error: 'must be 1-40 lowercase letters, digits, - or _, starting with a letter or digit',
    })
    .optional()
    .describe('Unique id; also the redirect path /callback/<id>. Defaults to the type for built-in types.');

export const nameField = () =>
  z.string().min(1).max(60).optional().describe('Shown on the button "Sign in with <name>".');

/** A server's host name, optionally with :port (a bracketed IPv6 literal such as [::1] too). */
export function hostField(description: string) {
  return z
    .string()
    .regex(/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?$/, {
      error: 'must be a host name, optionally with :port',
    })
    .optional()
    .describe(description);
}

/** The fields of an entry for a real provider; `clientAuth` is the type's default token-endpoint method. */
export function commonFields(clientAuth: { default: ClientAuthMethod; why?: string }) {
  return {
    id: idField(),
    name: nameField(),
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
    allowedExtraScopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, { error: 'must be a scope token' }))
      .optional()
      .describe(
        'Scopes a call (auth.signIn, auth.signInWithDevice) may add on top of these; any other is refused with forbidden. Default: none.',
      ),
    authorizationParams: authorizationParamsSchema()
      .optional()
      .describe(
        "Extra authorization request parameters for every sign-in with this provider (login_hint, prompt, max_age, acr_values, ui_locales, domain_hint, …). The flow's own (state, nonce, code_challenge, code_challenge_method, redirect_uri, client_id, response_type, response_mode, scope, request, request_uri) are refused.",
      ),
    clientAuthMethod: z
      .enum(['client_secret_basic', 'client_secret_post'])
      .optional()
      .describe(
        `How the client secret is sent to the token endpoint. Default: ${clientAuth.default}${clientAuth.why ? ` (${clientAuth.why})` : ''}.`,
      ),
    redirectUri: httpUrl()
      .optional()
      .describe(
        'Fixed loopback redirect URI (http://127.0.0.1:PORT/PATH or http://localhost:PORT/PATH) for providers that register an exact port. Default: http://127.0.0.1:<free port>/callback/<id>.',
      ),
    redirect: z
      .enum(['loopback', 'scheme'])
      .optional()
      .describe(
        'Where the browser returns after sign-in: "loopback" (default, http://127.0.0.1:<port>/callback/<id>) or "scheme": the desktop app\'s private-use scheme (RFC 8252 section 7.1), <app id>:/callback/<id> (dev.latchkey.app:/callback/<id> by default), for networks that block loopback. Web mode always uses the loopback.',
      ),
    fetchUser: z.boolean().optional().describe('Fetch the user profile after sign-in (default true).'),
    fetchGroups: z
      .boolean()
      .optional()
      .describe('Fetch the user groups/teams after sign-in (default false).'),
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
      .array(httpUrl())
      .optional()
      .describe('Extra origins the authenticated-request helper may send this token to.'),
  };
}

/** What every entry's settings have once parsed, whatever its type (the demo has only type, id and name). */
export interface CommonSettings {
  type: string;
  id: string;
  name: string;
  clientId?: string;
  scopes?: string[] | undefined;
  allowedExtraScopes?: string[] | undefined;
  authorizationParams?: Record<string, string> | undefined;
  redirectUri?: string | undefined;
  redirect?: 'loopback' | 'scheme' | undefined;
  fetchUser?: boolean | undefined;
  fetchGroups?: boolean | undefined;
  deviceFlow?: boolean | undefined;
  allowInsecureHttp?: boolean | undefined;
  timeoutSeconds?: number | undefined;
  revokeOnSignOut?: boolean | undefined;
  endSessionOnSignOut?: boolean | undefined;
  apiOrigins?: string[] | undefined;
}
