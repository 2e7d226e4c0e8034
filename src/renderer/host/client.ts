/**
 * The renderer's one way to reach the host. It picks the preload API inside Electron and the HTTP transport
 * in a browser; nothing else in the renderer knows which one it is on.
 */
import type { EventName, Events, HostApi, HostTransport } from '../../shared/contract.ts';
import { METHOD_NAMES } from '../../shared/contract-names.ts';
import { HostError, readResult } from '../../shared/errors.ts';
import { friendlyError } from './friendly-error.ts';
import { PRELOAD_GLOBAL, type PreloadApi } from '../../shared/preload-api.ts';
import { SECRET_META_NAME } from '../../shared/web-protocol.ts';
import { createWebTransport, pageSessionId } from './web-transport.ts';

function preloadTransport(api: PreloadApi): HostTransport {
  return {
    // What crosses the bridge is checked like what crosses HTTP: a garbled answer becomes a clean error.
    call: async (name, args) => readResult(await api[name](...args)),
    on: (name, listener) => api.on(name, listener),
  };
}

function pickTransport(): HostTransport {
  const preload = (window as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as PreloadApi | undefined;
  if (preload) return preloadTransport(preload);
  const secret = document.querySelector<HTMLMetaElement>(`meta[name="${SECRET_META_NAME}"]`)?.content ?? '';
  return createWebTransport(secret, pageSessionId());
}

export function createHostApi(transport: HostTransport): HostApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    api[name] = async (...args: unknown[]) => {
      const result = await transport.call(name, args);
      if (!result.ok) throw HostError.from(result.error);
      return result.value;
    };
  }
  return api as HostApi;
}

const transport = pickTransport();
export const host: HostApi = createHostApi(transport);
export const onHostEvent = <E extends EventName>(
  name: E,
  listener: (payload: Events[E]) => void,
): (() => void) => transport.on(name, listener);

/** The plain sentence for an error (no method names; see friendly-error.ts). */
export function errorMessage(error: unknown): string {
  return friendlyError(error).message;
}
