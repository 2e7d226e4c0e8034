import { useRef, useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { host } from '../host/client.ts';
import { useFocusReturn } from '../components/focus.ts';
import { friendlyError, type FriendlyError } from '../host/friendly-error.ts';
import { writeClipboard } from '../host/desktop.ts';
import { FLET_ITERATIONS, FLET_VERSIONS, type FletIterationsChoice } from '../../shared/flet-encryption.ts';

type Operation = 'encrypt' | 'decrypt';

const CHOICES: { value: string; label: string }[] = [
  // Short enough for the closed list at 360 px; what "not sure" encrypts for is said under the list.
  { value: 'auto', label: 'Not sure (decrypt tries both)' },
  { value: String(FLET_ITERATIONS.current), label: FLET_VERSIONS[FLET_ITERATIONS.current] },
  { value: String(FLET_ITERATIONS.legacy), label: FLET_VERSIONS[FLET_ITERATIONS.legacy] },
];

function parseChoice(value: string): FletIterationsChoice {
  if (value === String(FLET_ITERATIONS.legacy)) return FLET_ITERATIONS.legacy;
  if (value === String(FLET_ITERATIONS.current)) return FLET_ITERATIONS.current;
  return 'auto';
}

/**
 * Flet-compatible passphrase encryption. The host derives the key (PBKDF2, 600,000 or 100,000 rounds,
 * depending on the Flet version), which takes a noticeable moment, so the panel shows a busy state and the
 * time taken, and after a decrypt which Flet versions wrote the text.
 */
export function EncryptionPanel() {
  const [choice, setChoice] = useState<FletIterationsChoice>('auto');
  const [passphrase, setPassphrase] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [busy, setBusy] = useState<Operation | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<FriendlyError | string | null>(null);
  // The button pressed is disabled while the key is derived, which drops focus; it gets it back after.
  const rememberFocus = useFocusReturn(busy !== null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy === null) void run('encrypt');
  };

  const run = async (operation: Operation) => {
    rememberFocus();
    setBusy(operation);
    setError(null);
    setStatus(operation === 'encrypt' ? 'Deriving key and encrypting…' : 'Deriving key and decrypting…');
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      if (operation === 'encrypt') {
        const iterations = choice === 'auto' ? FLET_ITERATIONS.current : choice;
        setOutput(await host['crypto.encrypt'](input, passphrase, { iterations }));
        setStatus(
          `Encrypted in ${elapsed()} ms, readable by ${FLET_VERSIONS[iterations]}` +
            (passphrase === '' ? '. Note: with an empty passphrase anyone can decrypt it.' : ''),
        );
      } else {
        const result = await host['crypto.decryptDetailed'](input, passphrase, { iterations: choice });
        setOutput(result.text);
        const old =
          result.layout === 'latchkey-0.1' ? ' (in Latchkey 0.1’s layout, which Flet cannot read)' : '';
        setStatus(
          `Decrypted in ${elapsed()} ms: written for ${result.fletVersions}, ${result.iterations.toLocaleString('en')} iterations${old}`,
        );
      }
    } catch (e) {
      setOutput('');
      setStatus('');
      setError(friendlyError(e));
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    try {
      await writeClipboard(output);
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
        {/* A form, so Enter in the passphrase field encrypts. */}
        <form className="crypto-grid" onSubmit={onSubmit} aria-label="Encrypt or decrypt">
          <label>
            Flet version
            <select
              value={String(choice)}
              onChange={(e) => setChoice(parseChoice(e.target.value))}
              aria-describedby={choice === 'auto' ? 'flet-version-hint' : undefined}
            >
              {CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          {choice === 'auto' && (
            <p className="hint field-hint" id="flet-version-hint">
              Encrypt then writes for Flet 0.27.5 and later.
            </p>
          )}
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
            <textarea
              ref={inputRef}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              spellCheck={false}
            />
          </label>
          <div className="row">
            <button type="submit" disabled={busy !== null}>
              {busy === 'encrypt' ? 'Encrypting…' : 'Encrypt'}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void run('decrypt')}>
              {busy === 'decrypt' ? 'Decrypting…' : 'Decrypt'}
            </button>
          </div>
        </form>
        {/* One grid cell: an empty status line and error note leave no gap above the output. */}
        <div className="results">
          <p role="status" className="status">
            {status}
          </p>
          <ErrorNote message={error} />
        </div>
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
              // This button is disabled now (no output): carry on where the text went.
              inputRef.current?.focus();
            }}
          >
            Use output as input
          </button>
        </div>
      </div>
    </section>
  );
}
