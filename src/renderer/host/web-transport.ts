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

/** Where a page keeps its page-load id: the tab's own sessionStorage, so a reload continues the session. */
export const PAGE_SESSION_KEY = 'latchkey.pageSession';

/** 32 random bytes in base64url: what this page writes, and the only shape it reads back. */
const PAGE_SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

type SessionStore = Pick<Storage, 'getItem' | 'setItem'>;

function newPageSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The id that scopes this tab's session storage in the host (Flet keeps its session id the same way). A reload
 * keeps the tab's sessionStorage, so it continues the session; a new tab has an empty one and starts a new
 * session. The id is 256 random bits, so no page can guess another tab's; a stored value that is not exactly
 * the shape written here (edited by hand, left by another version) is replaced, never sent. Without a usable
 * sessionStorage (disabled, or full) every load is a new session, as before.
 */
export function pageSessionId(store: SessionStore | null = safeSessionStorage()): string {
  try {
    const kept = store?.getItem(PAGE_SESSION_KEY);
    if (kept && PAGE_SESSION_ID.test(kept)) return kept;
  } catch {
    // Storage refused to read: this load gets its own session.
  }
  const id = newPageSessionId();
  try {
    store?.setItem(PAGE_SESSION_KEY, id);
  } catch {
    // Not kept: a reload will start a new session, which is what happened before ids were kept.
  }
  return id;
}

function safeSessionStorage(): SessionStore | null {
  try {
    // Reading the property itself throws where storage is blocked (sandboxed frames, some privacy settings).
    return window.sessionStorage;
  } catch {
    return null;
  }
}

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
