import type { TokenSet } from '../../src/main/auth/providers/types.ts';
import type { RememberedSession } from '../../src/main/vault/token-vault.ts';

/** A remembered sign-in for vault tests; `accessToken` can be made large (a save that needs disk space). */
export function rememberedSession(id: string, accessToken = 'access-0123456789'): RememberedSession {
  const tokens: TokenSet = {
    accessToken,
    refreshToken: 'refresh-0123456789',
    tokenType: 'bearer',
    issuedAt: 1_800_000_000_000,
    scopes: ['openid'],
  };
  return {
    providerId: id,
    binding: `["oidc","${id}"]`,
    tokens,
    user: { id },
    groups: null,
    signedInAt: 1_800_000_000_000,
    fetchUser: true,
    fetchGroups: false,
  };
}
