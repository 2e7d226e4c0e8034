/** Fetch with a deadline, and JSON reads that turn provider failures into typed errors. */
import * as client from 'openid-client';
import { HostError } from '../../../shared/errors.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { boundedFetch, tooLargeIn } from '../../net/bounded-read.ts';

export const REQUEST_TIMEOUT_MS = 15_000;

export type FetchImpl = typeof fetch;

export function fetchWithTimeout(base: FetchImpl = fetch, timeoutMs = REQUEST_TIMEOUT_MS): FetchImpl {
  const timed: FetchImpl = (input, init) => {
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    return base(input, { ...init, signal });
  };
  // Every answer from a provider (discovery, token, userinfo, its API) is read with a cap while it streams.
  return boundedFetch(timed, LIMITS.maxProviderResponseBytes, 'the answer');
}

/**
 * GitHub answers some token-endpoint errors (bad_verification_code, authorization_pending, …) with HTTP 200
 * and an `error` field. Present those as the 400 they are, so the OAuth library treats them as errors.
 */
export function mapOkWithError(base: FetchImpl): FetchImpl {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json'))
      return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const status =
      typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
        ? 400
        : 200;
    return new Response(text, { status, headers: response.headers });
  };
}

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** The openid-client authentication for a client: none for public clients, else the configured method. */
export function clientAuth(secret: string | undefined, method: ClientAuthMethod): client.ClientAuth {
  if (!secret) return client.None();
  return method === 'client_secret_basic'
    ? client.ClientSecretBasic(secret)
    : client.ClientSecretPost(secret);
}

/** Hooks a fetch into an openid-client configuration. */
export function useFetch(config: client.Configuration, fetchImpl: FetchImpl): void {
  config[client.customFetch] = (url, options) => fetchImpl(url, options as RequestInit);
}

/** A GET with the token; a failure to connect or a non-2xx answer becomes a typed error naming the URL. */
async function authorizedGet(url: string, accessToken: string, fetchImpl: FetchImpl, accept: string) {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept, 'user-agent': 'Latchkey' },
    });
  } catch (error) {
    throw new HostError('unavailable', `could not reach ${new URL(url).host}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new HostError(
      response.status === 401 || response.status === 403
        ? 'forbidden'
        : response.status === 404
          ? 'not_found'
          : 'unavailable',
      `${new URL(url).host} answered ${response.status} for ${new URL(url).pathname}`,
    );
  }
  return response;
}

export async function getJson(
  url: string,
  accessToken: string,
  fetchImpl: FetchImpl,
  accept = 'application/json',
): Promise<unknown> {
  const response = await authorizedGet(url, accessToken, fetchImpl, accept);
  try {
    return (await response.json()) as unknown;
  } catch (error) {
    const large = tooLargeIn(error);
    if (large) throw large;
    throw new HostError(
      'unavailable',
      `${new URL(url).host} answered ${new URL(url).pathname} with something that is not JSON`,
    );
  }
}

/** Reads `a.b.c` out of a JSON object. */
export function pick(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** The next page named by a `Link: <…>; rel="next"` header (GitHub's pagination), or null. */
export function nextPage(link: string | null): string | null {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

/** Every page of a paginated JSON list, following rel="next", at most `maxPages` pages. */
export async function getAllPages(
  url: string,
  accessToken: string,
  fetchImpl: FetchImpl,
  maxPages = 10,
): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | null = url;
  const origin = new URL(url).origin;
  for (let page = 0; next && page < maxPages; page++) {
    const response = await authorizedGet(next, accessToken, fetchImpl, 'application/json');
    const body = (await response.json().catch((error: unknown) => {
      const large = tooLargeIn(error);
      if (large) throw large;
      return null;
    })) as unknown;
    if (!Array.isArray(body)) break;
    items.push(...body);
    const candidate = nextPage(response.headers.get('link'));
    // The token goes only back to the same API origin, never to wherever a header points.
    next = candidate && new URL(candidate, next).origin === origin ? new URL(candidate, next).href : null;
  }
  return items;
}
