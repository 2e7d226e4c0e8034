import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { EventName } from '../../shared/contract.ts';
import { errorMessage, onHostEvent } from './client.ts';

/**
 * Loads something from the host, again whenever `key` changes, one of `events` arrives, or `reload()` is
 * called. A late answer from an earlier load never overwrites a newer one. `initial` (called once, at the
 * first render) may hand over an answer already there, which then stands in for the first load.
 */
export function useHostData<T>(
  load: () => Promise<T>,
  key: string,
  events: readonly EventName[] = [],
  initial?: () => T | null,
) {
  const [state, setState] = useState<{ data: T | null; error: string | null }>(() => ({
    data: initial?.() ?? null,
    error: null,
  }));
  // The key whose first load the initial answer stands in for (StrictMode's second mount included).
  const initialKey = useRef(state.data !== null ? key : null);
  const [version, reload] = useReducer((n: number) => n + 1, 0);
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  // After lost events ('host.resync') everything is read again, whatever it listens to.
  const eventsKey = [...events, 'host.resync'].join(' ');
  useEffect(() => {
    const offs = eventsKey.split(' ').map((name) => onHostEvent(name as EventName, () => reload()));
    return () => offs.forEach((off) => off());
  }, [eventsKey]);
  useEffect(() => {
    if (version === 0 && initialKey.current === key) return;
    initialKey.current = null;
    let live = true;
    loadRef.current().then(
      (data) => live && setState({ data, error: null }),
      (e: unknown) => live && setState((s) => ({ data: s.data, error: errorMessage(e) })),
    );
    return () => {
      live = false;
    };
  }, [version, key]);
  return { ...state, reload };
}
