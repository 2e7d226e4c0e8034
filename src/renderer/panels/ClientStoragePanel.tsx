import { useState } from 'react';
import type { ClientStorageStatus } from '../../shared/contract.ts';
import type { JsonValue } from '../../shared/json.ts';
import { EntryEditor } from '../components/EntryEditor.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { useAction } from '../components/use-action.ts';
import { firstField, useFocusKeeper } from '../components/focus.ts';
import { host } from '../host/client.ts';
import { useHostData } from '../host/use-host-data.ts';

/** Client storage: persistent, shared by every window; the list follows changes made anywhere. */
export function ClientStoragePanel() {
  const [prefix, setPrefix] = useState('');
  // The list follows changes made in any window.
  const list = useHostData(() => host['clientStorage.entries'](prefix), prefix, ['clientStorage.changed']);
  const info = useHostData(() => host['clientStorage.status'](), '', ['clientStorage.changed']);
  const entries: Array<[string, JsonValue]> = list.data ?? [];
  const status: ClientStorageStatus | null = info.data;
  const { error, setError, busy, run } = useAction(() => {
    list.reload();
    info.reload();
  });
  // After Clear the list (and the Clear button) is gone: focus goes to the key field, to add the next entry.
  const section = useFocusKeeper<HTMLElement>(entries.length === 0, !busy, firstField);

  return (
    <section aria-labelledby="client-storage-heading" className="card" ref={section}>
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
      {status?.recovered.map((r) =>
        // Counted damage (journal lines, over-limit entries): the rest was kept, and the original copied.
        r.damage ? (
          <p role="status" className="notice" key={r.movedTo}>
            Damage was found in the stored file {r.file}: {r.reason}. Everything else was kept, and the
            original file was kept as {r.movedTo}.
          </p>
        ) : (
          <p role="status" className="notice" key={r.movedTo}>
            The stored file {r.file} could not be read ({r.reason}). It was moved aside to {r.movedTo} and
            storage started empty.
          </p>
        ),
      )}
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
        error={error ?? list.error}
        loading={list.data === null && list.error === null}
        filtered={prefix !== ''}
      />
      {entries.length > 0 && !prefix && (
        <ConfirmButton
          label="Clear client storage"
          question={`Clear all ${entries.length} key${entries.length === 1 ? '' : 's'}?`}
          confirmLabel="Clear"
          onConfirm={() => void run(() => host['clientStorage.clear']())}
        />
      )}
    </section>
  );
}
