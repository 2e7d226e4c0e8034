import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { errorMessage, host } from '../host/client.ts';

type Operation = 'encrypt' | 'decrypt';

/**
 * Flet-compatible passphrase encryption. The host derives the key (PBKDF2, 600,000 rounds), which takes a
 * noticeable moment, so the panel shows a busy state and the time taken.
 */
export function EncryptionPanel() {
  const [passphrase, setPassphrase] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [busy, setBusy] = useState<Operation | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const run = async (operation: Operation) => {
    setBusy(operation);
    setError(null);
    setStatus(operation === 'encrypt' ? 'Deriving key and encrypting…' : 'Deriving key and decrypting…');
    const started = performance.now();
    try {
      const result =
        operation === 'encrypt'
          ? await host['crypto.encrypt'](input, passphrase)
          : await host['crypto.decrypt'](input, passphrase);
      setOutput(result);
      const ms = Math.round(performance.now() - started);
      setStatus(`${operation === 'encrypt' ? 'Encrypted' : 'Decrypted'} in ${ms} ms`);
    } catch (e) {
      setOutput('');
      setStatus('');
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(output);
      setStatus('Output copied to the clipboard');
    } catch {
      setError('Could not copy: the clipboard is not available here. Select the output and copy it by hand.');
    }
  };

  return (
    <section aria-labelledby="encryption-heading" className="card" aria-busy={busy !== null}>
      <h2 id="encryption-heading">Passphrase encryption</h2>
      <p className="hint">
        Same format as Flet's <code>flet.security</code>: text encrypted here decrypts in Flet and the other
        way round. The passphrase stays in the host for the call only; it is never stored or logged.
      </p>
      <div className="crypto-grid">
        <label>
          Passphrase
          <input
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoComplete="off"
          />
        </label>
        <label>
          Input
          <textarea value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} />
        </label>
        <div className="row">
          <button type="button" disabled={busy !== null} onClick={() => void run('encrypt')}>
            {busy === 'encrypt' ? 'Encrypting…' : 'Encrypt'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void run('decrypt')}>
            {busy === 'decrypt' ? 'Decrypting…' : 'Decrypt'}
          </button>
        </div>
        <p role="status" className="status">
          {status}
        </p>
        <ErrorNote message={error} />
        <label className="output">
          Output
          <textarea value={output} readOnly spellCheck={false} />
        </label>
        <div className="row">
          <button type="button" className="secondary" disabled={output === ''} onClick={() => void copy()}>
            Copy output
          </button>
          <button
            type="button"
            className="secondary"
            disabled={output === ''}
            onClick={() => {
              setInput(output);
              setOutput('');
            }}
          >
            Use output as input
          </button>
        </div>
      </div>
    </section>
  );
}
