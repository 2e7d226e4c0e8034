/**
 * Sends a request with a provider's token attached, so the renderer never needs the token itself. The token
 * goes only to the provider's own API origins; a 401 (a token revoked early) gets one refresh and one retry.
 */
import type { AuthenticatedResponse } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import { readBounded } from '../net/bounded-read.ts';
import type { TokenSet } from './providers/types.ts';
import type { TokenSession } from './token-session.ts';

export interface AuthenticatedRequest {
  url: string;
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
}

export async function sendAuthenticated(
  session: TokenSession,
  request: AuthenticatedRequest,
): Promise<AuthenticatedResponse> {
  const url = new URL(request.url);
  const allowed = await session.runtime.apiOrigins();
  if (!allowed.includes(url.origin)) {
    throw new HostError(
      'forbidden',
      `the ${session.runtime.settings.name} token may be sent only to ${allowed.join(', ') || 'no origin'}`,
    );
  }
  const send = async (tokens: TokenSet) => {
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    if (!headers.has('user-agent')) headers.set('user-agent', 'Latchkey');
    return session.runtime.fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  };
  let response: Response;
  try {
    response = await send(await session.fresh());
    if (response.status === 401 && session.tokens.refreshToken)
      response = await send(await session.refresh());
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw new HostError('unavailable', `could not reach ${url.host}: ${(error as Error).message}`);
  }
  // Read with the cap while it streams: a 50 MB answer is stopped at the limit, not read whole first.
  const buffer = await readBounded(response, LIMITS.maxApiResponseBytes, `the answer from ${url.host}`);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: new TextDecoder().decode(buffer),
  };
}
