/**
 * Microsoft Entra ID's ID token, read by the Azure type itself. Its `iss` names the user's own tenant
 * (`https://login.microsoftonline.com/{tid}/v2.0`) while an entry for "common", "organizations" or a domain
 * is configured with another, so the OAuth library (which compares `iss` with the configured issuer
 * exactly) would refuse every sign-in. The token endpoint's answers pass through this fetch first: the ID
 * token is taken out, checked here against its own `tid`, and its claims kept by the access token they came
 * with, for the groups claim (azure-groups.ts).
 *
 * Its signature is not checked: it comes straight from the token endpoint over TLS, which OpenID Connect
 * Core 3.1.3.7 allows in place of a signature check (the OAuth library does the same).
 */
import type { FetchImpl } from './http.ts';

/** Claims kept for the last few access tokens (one per account; a refresh replaces an entry). */
const KEPT = 16;

export interface EntraIdTokens {
  /** The fetch to give the OAuth library: the same as `base`, but ID tokens never reach it. */
  fetch: FetchImpl;
  /** The checked ID-token claims that came with this access token, if any did. */
  claimsFor(accessToken: string): Record<string, unknown> | undefined;
}

export interface EntraIdTokenRules {
  tokenEndpoint: string;
  /** The authority's origin, e.g. https://login.microsoftonline.com. */
  authority: string;
  clientId: string;
  /** The configured tenant: a tenant id (GUID) must match the token's `tid`; common/organizations/domains do not. */
  tenant: string;
  now?: () => number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The claims of an ID token, or null when it is not one this client may use (wrong audience, issuer, expired). */
export function checkEntraIdToken(idToken: string, rules: EntraIdTokenRules): Record<string, unknown> | null {
  const parts = idToken.split('.');
  if (parts.length !== 3) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(claims)) return null;
  const { tid, iss, aud, exp } = claims;
  if (typeof tid !== 'string' || !GUID.test(tid)) return null;
  if (iss !== `${rules.authority}/${tid}/v2.0`) return null;
  if (aud !== rules.clientId) return null;
  if (GUID.test(rules.tenant) && rules.tenant.toLowerCase() !== tid.toLowerCase()) return null;
  const now = (rules.now ?? Date.now)() / 1000;
  // Five minutes of clock skew, as Microsoft's own libraries allow.
  if (typeof exp !== 'number' || exp < now - 300) return null;
  return claims;
}

export function entraIdTokens(base: FetchImpl, rules: EntraIdTokenRules): EntraIdTokens {
  const kept = new Map<string, Record<string, unknown>>();
  const keep = (accessToken: string, claims: Record<string, unknown>) => {
    kept.delete(accessToken);
    kept.set(accessToken, claims);
    while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  };
  const tokenUrl = new URL(rules.tokenEndpoint).href;

  const fetchImpl: FetchImpl = async (input, init) => {
    const response = await base(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).href !== tokenUrl || !(response.headers.get('content-type') ?? '').includes('json'))
      return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isRecord(body) || typeof body.id_token !== 'string')
      return new Response(text, { status: response.status, headers: response.headers });
    const { id_token: idToken, ...rest } = body;
    const claims = checkEntraIdToken(idToken, rules);
    if (claims && typeof rest.access_token === 'string') keep(rest.access_token, claims);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(rest), { status: response.status, headers });
  };

  return { fetch: fetchImpl, claimsFor: (accessToken) => kept.get(accessToken) };
}
