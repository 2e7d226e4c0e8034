import { useEffect, useReducer, useState } from 'react';
import type { ClientStorageStatus } from '../../shared/contract.ts';
import type { JsonValue } from '../../shared/json.ts';
import { EntryEditor } from '../components/EntryEditor.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { errorMessage, host, onHostEvent } from '../host/client.ts';

/** Client storage: persistent, shared by every window; the list follows changes made anywhere. */
export function ClientStoragePanel() {
  const [entries, setEntries] = useState<Array<[string, JsonValue]>>([]);
  const [status, setStatus] = useState<ClientStorageStatus | null>(null);
  const [prefix, setPrefix] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, reload] = useReducer((n: number) => n + 1, 0);

  useEffect(() => onHostEvent('clientStorage.changed', () => reload()), []);

  useEffect(() => {
    let live = true;
    Promise.all([host['clientStorage.entries'](prefix), host['clientStorage.status']()]).then(
      ([list, s]) => {
        if (!live) return;
        setEntries(list);
        setStatus(s);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        void host['clientStorage.status']().then((s) => live && setStatus(s));
      },
    );
    return () => {
      live = false;
    };
  }, [version, prefix]);

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <section aria-labelledby="client-storage-heading" className="card">
      <h2 id="client-storage-heading">Client storage</h2>
      <p className="hint">
        Kept on disk by the host, shared by every window, saved before each change is confirmed.
        {status?.file ? ` ${status.keys} key${status.keys === 1 ? '' : 's'} in ${status.file}.` : ''}
      </p>
      {status?.error && (
        <p role="alert" className="error">
          Client storage is unavailable: {status.error}
        </p>
      )}
      {status?.recovered.map((r) => (
        <p role="status" className="notice" key={r.movedTo}>
          The stored file {r.file} could not be read ({r.reason}). It was moved aside to {r.movedTo} and
          storage started empty.
        </p>
      ))}
      <label className="filter">
        Filter by prefix
        <input value={prefix} onChange={(e) => setPrefix(e.target.value)} type="search" autoComplete="off" />
      </label>
      <EntryEditor
        store="Client storage"
        submitLabel="Save to client storage"
        entries={entries}
        busy={busy}
        onSet={(k, v) => run(() => host['clientStorage.set'](k, v))}
        onRemove={(k) => void run(() => host['clientStorage.remove'](k))}
        onError={setError}
      />
      <ErrorNote message={error} />
      <button
        type="button"
        className="secondary"
        onClick={() => void run(() => host['clientStorage.clear']())}
      >
        Clear client storage
      </button>
    </section>
  );
}
