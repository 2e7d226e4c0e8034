/**
 * What an imported token (`auth.importToken`, Flet's saved token) must pass before it signs the app in. A
 * page that can import can try to sign the app in as someone else (sign-in CSRF), so:
 * - the provider confirms the token first (its userinfo or user endpoint answers for it, or its token
 *   introspection says it is active where there is no userinfo) — the page's word counts for nothing;
 * - an expired token is refused, never renewed: its refresh token may be anyone's, and redeeming it with
 *   this app's client (and secret) would hand the page a fresh token the provider issued to the app;
 * - the refresh token is not kept, so it is never redeemed later either: the imported sign-in lasts as long
 *   as its access token, and the card says it came from an imported token.
 */
import * as client from 'openid-client';
import { HostError } from '../../shared/errors.ts';
import type { ImportedToken } from './flet-token.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';

export async function confirmImported(
  runtime: ProviderRuntime,
  imported: ImportedToken,
  now: number,
): Promise<TokenSet> {
  if (imported.expiresAt !== undefined && imported.expiresAt <= now)
    throw new HostError(
      'invalid_argument',
      'the saved token has expired, and an imported token is never renewed with its refresh token; sign in again',
      { details: { reason: 'saved_token_expired' } },
    );
  const tokens: TokenSet = { ...imported, refreshToken: undefined };
  // An OpenID provider with token introspection (RFC 7662) but no userinfo endpoint says so there.
  if (runtime.oidc) {
    const config = await runtime.configuration();
    const metadata = config.serverMetadata();
    if (!metadata.userinfo_endpoint && metadata.introspection_endpoint) {
      const answer = await client.tokenIntrospection(config, tokens.accessToken).catch((error: unknown) => {
        throw new HostError(
          'unavailable',
          `the provider could not check the token: ${(error as Error).message}`,
        );
      });
      if (answer.active !== true)
        throw new HostError('forbidden', 'the provider says this token is not active');
      return tokens;
    }
  }
  // The provider's answer for this access token is the confirmation; it throws `forbidden` for a token
  // the provider does not accept.
  const user = await runtime.fetchUser(tokens);
  if (!user)
    throw new HostError(
      'unsupported',
      `${runtime.settings.name} has no endpoint that can confirm an imported token, so it cannot be imported`,
    );
  return tokens;
}
