/** What happens at the provider on sign-out: token revocation (RFC 7009) and, if asked, ending its session. */
import * as client from 'openid-client';
import type { AuthPorts } from './ports.ts';
import type { ProviderRuntime } from './providers/types.ts';
import type { TokenSet } from './providers/types.ts';

export async function signOutAtProvider(
  runtime: ProviderRuntime,
  tokens: TokenSet,
  ports: AuthPorts,
  options: { revoke: boolean },
): Promise<{ endSessionUrl: string | null }> {
  const id = runtime.settings.id;
  const config = await runtime.configuration().catch(() => null);
  if (!config) return { endSessionUrl: null };
  if (
    options.revoke &&
    runtime.flow.revokeOnSignOut &&
    (await runtime.supportsRevocation().catch(() => false))
  ) {
    const revoke = async (token: string, hint: string) => {
      try {
        await client.tokenRevocation(config, token, { token_type_hint: hint });
      } catch (error) {
        ports.log.warn(`latchkey: ${id}: revoking the ${hint} failed: ${(error as Error).message}`);
      }
    };
    if (tokens.refreshToken) await revoke(tokens.refreshToken, 'refresh_token');
    await revoke(tokens.accessToken, 'access_token');
  }
  if (!runtime.flow.endSessionOnSignOut || !config.serverMetadata().end_session_endpoint) {
    return { endSessionUrl: null };
  }
  const url = client.buildEndSessionUrl(config, tokens.idToken ? { id_token_hint: tokens.idToken } : {}).href;
  // Opened by the host where it can; otherwise handed to the page to open.
  return { endSessionUrl: (await ports.openExternal(url).catch(() => false)) ? null : url };
}
