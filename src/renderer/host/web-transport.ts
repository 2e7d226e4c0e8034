/** The HTTP + server-sent-events transport used when the renderer runs in a plain browser (web mode). */
import type { EventName, Events, HostTransport, MethodName } from '../../shared/contract.ts';
import { fail, readResult, type Result } from '../../shared/errors.ts';
import {
  CALL_PATH_PREFIX,
  CLIENT_HEADER,
  EVENTS_CLIENT_PARAM,
  EVENTS_PATH,
  EVENTS_SECRET_PARAM,
  SECRET_HEADER,
} from '../../shared/web-protocol.ts';

export function createWebTransport(secret: string, clientId: string): HostTransport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const connect = (): void => {
    if (source) return;
    const query = new URLSearchParams({ [EVENTS_CLIENT_PARAM]: clientId, [EVENTS_SECRET_PARAM]: secret });
    source = new EventSource(`${EVENTS_PATH}?${query.toString()}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: { name: string; payload: unknown };
      try {
        event = JSON.parse(message.data) as { name: string; payload: unknown };
      } catch {
        return;
      }
      for (const listener of listeners.get(event.name) ?? []) listener(event.payload);
    };
  };
  // The event stream is also how the host knows this page load is alive; open it at once.
  connect();

  return {
    async call(name: MethodName, args: readonly unknown[]): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${CALL_PATH_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, [CLIENT_HEADER]: clientId },
          body: JSON.stringify({ args }),
        });
      } catch {
        return fail({ code: 'unavailable', message: 'the Latchkey host is not reachable (was it stopped?)' });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return fail({ code: 'internal', message: `the host answered ${response.status} without a result` });
      }
      return readResult(body);
    },
    on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
