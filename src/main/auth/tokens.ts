import { createHash } from 'node:crypto';
import type * as client from 'openid-client';
import type { TokenSet } from './providers/types.ts';

type GrantResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/** Our token set from a token endpoint answer; on refresh, what the answer leaves out is kept from before. */
export function toTokenSet(
  response: GrantResponse,
  now: number,
  previous?: TokenSet,
  requestedScopes: string[] = [],
): TokenSet {
  const expiresIn = response.expiresIn();
  const claims = response.id_token ? (response.claims() as Record<string, unknown> | undefined) : undefined;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type ?? previous?.tokenType ?? 'bearer',
    // Rotation: a new refresh token replaces the old one; none in the answer means the old one stays valid.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    idTokenClaims: claims ?? previous?.idTokenClaims,
    // `expires_in: 0` (or less) says nothing usable: taken as no known lifetime, so the token is neither
    // thrown away at once nor refreshed in a loop; a 401 from an API still renews it.
    expiresAt: expiresIn === undefined || expiresIn <= 0 ? undefined : now + expiresIn * 1000,
    issuedAt: now,
    // Space-separated per RFC 6749; GitHub separates them with commas.
    scopes:
      typeof response.scope === 'string'
        ? response.scope.split(/[ ,]+/).filter(Boolean)
        : (previous?.scopes ?? requestedScopes),
  };
}

/** A short, one-way fingerprint of a token for display: it shows a change and reveals nothing. */
export function fingerprint(token: string): string {
  return `sha256:${createHash('sha256').update(token).digest('base64url').slice(0, 12)}`;
}

export function uniqueScopes(scopes: string[]): string[] {
  return [...new Set(scopes.filter(Boolean))];
}
