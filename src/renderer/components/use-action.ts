import { useLayoutEffect, useRef, useState } from 'react';
import { friendlyError, type FriendlyError } from '../host/friendly-error.ts';
import { useFocusReturn } from './focus.ts';

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
  useLayoutEffect(() => {
    afterRef.current = after;
  });
  const rememberFocus = useFocusReturn(busy);
  const setError = (message: string | null) => setErrorState(message === null ? null : { message });
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    rememberFocus();
    setErrorState(null);
    // What the last action said is replaced, never left standing beside this one's result or error.
    setStatus('');
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
