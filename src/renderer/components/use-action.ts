import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { friendlyError, type FriendlyError } from '../host/friendly-error.ts';
import { focusBack } from './focus.ts';

/**
 * Runs a user action against the host: clears the last error, marks the panel busy, shows a failure as a
 * plain message (and a returned string as a status line), and calls `after` (usually a reload) either way.
 * Focus goes back where the action started (its button is disabled meanwhile, which drops focus), or to the
 * first control of its section when that button is gone.
 */
export function useAction(after?: () => void) {
  const [error, setErrorState] = useState<FriendlyError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const afterRef = useRef(after);
  const origin = useRef<{ el: HTMLElement | null; container: Element | null } | null>(null);
  useLayoutEffect(() => {
    afterRef.current = after;
  });
  useEffect(() => {
    if (busy || !origin.current) return;
    const { el, container } = origin.current;
    origin.current = null;
    focusBack(el, container);
  }, [busy]);
  const setError = (message: string | null) => setErrorState(message === null ? null : { message });
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    const el = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    origin.current = { el, container: el?.closest('section, form, [role="tabpanel"]') ?? null };
    setErrorState(null);
    setBusy(true);
    try {
      const note = await action();
      if (typeof note === 'string' && note) setStatus(note);
      return true;
    } catch (e) {
      setErrorState(friendlyError(e));
      return false;
    } finally {
      setBusy(false);
      afterRef.current?.();
    }
  };
  return { error, setError, status, busy, run };
}
