import type { FriendlyError } from '../host/friendly-error.ts';

/**
 * An error next to the control that caused it, announced as it appears (role="alert"), in plain words, with
 * the host's technical text behind a disclosure.
 */
export function ErrorNote({ message }: { message: FriendlyError | string | null }) {
  const error = typeof message === 'string' ? { message } : message;
  return (
    <div role="alert" className={error ? 'error' : 'error empty'}>
      {error && <p>{error.message}</p>}
      {error?.detail && (
        <details className="error-detail">
          <summary>Technical detail</summary>
          <code>{error.detail}</code>
        </details>
      )}
    </div>
  );
}
