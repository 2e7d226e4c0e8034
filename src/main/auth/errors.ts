/** Turns whatever the OAuth library or a provider threw into Flet's (error, errorDescription) pair. */
import * as client from 'openid-client';
import type { SignInError } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import { tooLargeIn } from '../net/bounded-read.ts';
import { explainNetworkFailure, technicalDetail } from '../net/network-problem.ts';

export function toSignInError(error: unknown): SignInError {
  // An answer cut off at its size limit says so, wherever openid-client wrapped it (net/bounded-read.ts).
  error = tooLargeIn(error) ?? error;
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return { error: error.error, errorDescription: error.error_description ?? describe(error.error) };
  }
  if (error instanceof HostError) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      error: error.code,
      errorDescription: error.message,
      ...(cause === undefined ? {} : { detail: technicalDetail(cause) }),
    };
  }
  if (isNetwork(error))
    return {
      error: 'unavailable',
      errorDescription:
        explainNetworkFailure(error)?.message ??
        'The provider could not be reached. Check your network connection and try again.',
      detail: technicalDetail(error),
    };
  if (error instanceof client.ClientError) {
    // Response checks (state, iss, nonce, ID token) fail here; their messages name the parameter.
    const cause = (error as { cause?: unknown }).cause;
    const detail =
      cause instanceof Error && !error.message.includes(cause.message) ? ` (${cause.message})` : '';
    return { error: 'invalid_response', errorDescription: `${error.message}${detail}` };
  }
  return { error: 'internal', errorDescription: error instanceof Error ? error.message : String(error) };
}

/**
 * The network failed (as opposed to the provider answering): fetch's own "fetch failed" and deadlines, and
 * whatever network-problem.ts can name along the cause chain (Node's and undici's codes, Electron's
 * `net::ERR_…` errors, which openid-client wraps in a ClientError, TLS and proxy failures).
 */
export function isNetwork(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    if (e instanceof TypeError && /fetch failed|network/i.test(e.message)) return true;
    if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return explainNetworkFailure(error) !== null;
}

/**
 * The provider answered that it no longer accepts the token (401 or 403, e.g. `invalid_token` after a
 * revocation): its words, or null when the failure was something else (offline, 5xx, a bad answer).
 */
export function tokenRefused(error: unknown): string | null {
  if (error instanceof client.WWWAuthenticateChallengeError) {
    if (error.status !== 401 && error.status !== 403) return null;
    const challenge = error.cause.find((c) => c.parameters.error) ?? error.cause[0];
    const code = challenge?.parameters.error;
    const description = challenge?.parameters.error_description;
    return code ? `${code}${description ? `: ${description}` : ''}` : `HTTP ${error.status}`;
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.status !== 401 && error.status !== 403) return null;
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof client.ClientError) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Response && (cause.status === 401 || cause.status === 403))
      return `HTTP ${cause.status}`;
  }
  return null;
}

/** A refresh failure that should keep the session and retry (offline, 5xx) rather than sign out. */
export function isTransient(error: unknown): boolean {
  if (isNetwork(error)) return true;
  // The provider's metadata could not be fetched (offline, DNS, 5xx at discovery).
  if (error instanceof HostError) return error.code === 'unavailable';
  if (error instanceof client.ResponseBodyError) return error.status >= 500;
  if (error instanceof client.ClientError) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Response) return cause.status >= 500 || cause.status === 429;
    return /status code/i.test(error.message) && /5\d\d/.test(error.message);
  }
  return false;
}

const DESCRIPTIONS: Record<string, string> = {
  access_denied: 'the sign-in was refused or cancelled at the provider',
  invalid_grant: 'the provider no longer accepts this sign-in; sign in again',
  expired_token: 'the device code expired before it was confirmed',
  invalid_client: 'the provider does not know this client id, or its secret is wrong',
};

function describe(code: string): string {
  return DESCRIPTIONS[code] ?? code.replace(/_/g, ' ');
}
