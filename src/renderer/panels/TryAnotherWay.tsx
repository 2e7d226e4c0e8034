import { useId, useState } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useAction } from '../components/use-action.ts';
import { host } from '../host/client.ts';

/**
 * "Try another way", under a browser sign-in that waits for the redirect: for when the browser could not
 * return to the app (a firewall in the way, the browser on another machine). The user pastes the address the
 * browser could not load, or switches to a device code. Names are part of the public contract: the
 * disclosure "Try another way", the textbox "Paste the address from the browser", the buttons "Continue with
 * this address" and "Use a device code instead".
 */
export function TryAnotherWay({
  providerId,
  deviceFlow,
  rememberMe,
  onChange,
}: {
  providerId: string;
  deviceFlow: boolean;
  rememberMe: boolean;
  onChange: () => void;
}) {
  const { error, busy, run } = useAction(onChange);
  const [address, setAddress] = useState('');
  const hintId = useId();
  const submit = () =>
    void run(async () => {
      await host['auth.completeWithAddress'](providerId, address);
      setAddress('');
    });
  return (
    <details className="another-way">
      <summary>Try another way</summary>
      <p className="hint" id={hintId}>
        Signed in at the provider, but the browser could not get back to the app? Copy the whole address from
        the browser's address bar (it starts with http://127.0.0.1) and paste it here.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label>
          Paste the address from the browser
          <input
            value={address}
            aria-describedby={hintId}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setAddress(e.target.value)}
          />
        </label>
        <div className="row">
          <button type="submit" disabled={busy || address.trim() === ''}>
            Continue with this address
          </button>
          {deviceFlow && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void run(() => host['auth.signInWithDevice'](providerId, { rememberMe }))}
            >
              Use a device code instead
            </button>
          )}
        </div>
      </form>
      <ErrorNote message={error} />
    </details>
  );
}
