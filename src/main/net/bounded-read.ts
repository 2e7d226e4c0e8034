/**
 * Reads an HTTP response with a cap while it streams: a provider (or an API behind `auth.request`) that
 * answers 100 MB is stopped at the limit, not read whole first. The limits are in src/shared/limits.ts
 * (README "Limits"); going over answers `too_large` with the limit in its details.
 */
import { HostError } from '../../shared/errors.ts';

type FetchImpl = typeof fetch;

function tooLarge(what: string, limit: number, actual?: number): HostError<'too_large'> {
  return new HostError('too_large', `${what} is larger than ${limit} bytes, the most Latchkey reads`, {
    details: actual === undefined ? { limit } : { limit, actual },
  });
}

/** The declared length when it is over `limit` (a lying or absent header is caught while streaming). */
function declaredOver(response: Response, limit: number): number | null {
  const length = Number(response.headers.get('content-length'));
  return Number.isSafeInteger(length) && length > limit ? length : null;
}

/** The whole body, or `too_large` as soon as more than `limit` bytes have arrived (the rest is not read). */
export async function readBounded(response: Response, limit: number, what: string): Promise<Uint8Array> {
  const declared = declaredOver(response, limit);
  if (declared !== null) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(what, limit, declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(what, limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The same response with a body that errors with `too_large` past `limit`, for readers we do not own
 * (openid-client reading a token, userinfo or discovery answer): they fail at the limit instead of
 * buffering without end.
 */
export function boundedResponse(response: Response, limit: number, what: string): Response {
  const body = response.body;
  if (!body) return response;
  const declared = declaredOver(response, limit);
  let size = 0;
  const reader = body.getReader();
  const capped = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (declared !== null) {
        await reader.cancel().catch(() => {});
        controller.error(tooLarge(what, limit, declared));
      }
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return controller.error(tooLarge(what, limit));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const bounded = new Response(capped, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // Keep what callers read off the original (openid-client checks `url` on some answers).
  Object.defineProperty(bounded, 'url', { value: response.url });
  return bounded;
}

/** A fetch whose every answer is read with a cap of `limit` bytes. */
export function boundedFetch(base: FetchImpl, limit: number, what = 'the answer'): FetchImpl {
  return async (input, init) => {
    const response = await base(input, init);
    const host = URL.canParse(String(input instanceof Request ? input.url : input))
      ? new URL(String(input instanceof Request ? input.url : input)).host
      : 'the server';
    return boundedResponse(response, limit, `${what} from ${host}`);
  };
}

/** A `too_large` error along a cause chain (openid-client wraps what a body read threw), or null. */
export function tooLargeIn(error: unknown): HostError | null {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    if (e instanceof HostError && e.code === 'too_large') return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
