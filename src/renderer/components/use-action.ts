import { useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from '../host/client.ts';

/**
 * Runs a user action against the host: clears the last error, marks the panel busy, shows a failure as a
 * message (and a returned string as a status line), and calls `after` (usually a reload) either way.
 */
export function useAction(after?: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const afterRef = useRef(after);
  useLayoutEffect(() => {
    afterRef.current = after;
  });
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      const note = await action();
      if (typeof note === 'string' && note) setStatus(note);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
      afterRef.current?.();
    }
  };
  return { error, setError, status, busy, run };
}
