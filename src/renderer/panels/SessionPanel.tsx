import { useEffect, useReducer, useState, type FormEvent } from 'react';
import type { JsonValue } from '../../shared/json.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { errorMessage, host } from '../host/client.ts';
import { parseEntryValue, showValue, type ValueKind } from './entry-value.ts';

/** Session storage: lives in the host, one per window or page load, gone when it closes. */
export function SessionPanel() {
  const [entries, setEntries] = useState<Array<[string, JsonValue]>>([]);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<ValueKind>('text');
  const [error, setError] = useState<string | null>(null);

  const [version, reload] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let live = true;
    host['session.entries']().then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
    reload();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEntryValue(value, kind);
    if (!parsed.ok) return setError(parsed.message);
    void run(async () => {
      await host['session.set'](key, parsed.value);
      setKey('');
      setValue('');
    });
  };

  return (
    <section aria-labelledby="session-heading" className="card">
      <h2 id="session-heading">Session storage</h2>
      <p className="hint">Kept by the host for this window only; gone when it closes or reloads.</p>
      <form onSubmit={onSubmit} className="entry-form" aria-label="Session entry">
        <label>
          Key
          <input value={key} onChange={(e) => setKey(e.target.value)} name="session-key" autoComplete="off" />
        </label>
        <label>
          Value
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            name="session-value"
            autoComplete="off"
          />
        </label>
        <label>
          Type
          <select value={kind} onChange={(e) => setKind(e.target.value as ValueKind)}>
            <option value="text">Text</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button type="submit">Set</button>
      </form>
      <ErrorNote message={error} />
      <EntryTable
        label="Session entries"
        entries={entries}
        onEdit={(k, v) => {
          setKey(k);
          setKind(typeof v === 'string' ? 'text' : 'json');
          setValue(typeof v === 'string' ? v : JSON.stringify(v));
        }}
        onRemove={(k) => void run(() => host['session.remove'](k))}
      />
      <button type="button" className="secondary" onClick={() => void run(() => host['session.clear']())}>
        Clear session
      </button>
    </section>
  );
}

export function EntryTable(props: {
  label: string;
  entries: Array<[string, JsonValue]>;
  onEdit: (key: string, value: JsonValue) => void;
  onRemove: (key: string) => void;
}) {
  if (props.entries.length === 0) return <p className="empty-list">No entries.</p>;
  return (
    <table aria-label={props.label} className="entries">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <code>{showValue(v)}</code>
            </td>
            <td className="actions">
              <button
                type="button"
                className="secondary"
                aria-label={`Edit ${k}`}
                onClick={() => props.onEdit(k, v)}
              >
                Edit
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Remove ${k}`}
                onClick={() => props.onRemove(k)}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
