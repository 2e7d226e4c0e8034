import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { JsonValue } from '../../shared/json.ts';
import type { FriendlyError } from '../host/friendly-error.ts';
import { parseEntryValue, showValue, type ValueKind } from './entry-value.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { focusLost } from './focus.ts';

/**
 * Key/value form plus entry table, shared by the session and client storage panels. Every control's
 * accessible name includes the store's name (e.g. "Session key", "Client storage key") so both panels can sit
 * side by side and still be found unambiguously by role and name.
 */
export function EntryEditor(props: {
  /** "Session" or "Client storage": prefixes every accessible name. */
  store: string;
  entries: Array<[string, JsonValue]>;
  submitLabel: string;
  busy?: boolean;
  onSet: (key: string, value: JsonValue) => Promise<boolean>;
  onRemove: (key: string) => void;
  onError: (message: string) => void;
  /** Shown right under the form, next to the Save button that caused it, before the (long) list. */
  error: FriendlyError | string | null;
  /** The list has not arrived yet. */
  loading: boolean;
  /** The list is filtered (by a prefix): an empty one then means no match, not an empty store. */
  filtered?: boolean;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<ValueKind>('text');
  const lower = props.store.toLowerCase();
  const keyInput = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);
  // After a Remove, the row (and its focused button) goes away once the list reloads: focus moves to the
  // Remove button that took its place, or the one before it, or the key field when the list is empty.
  const removedAt = useRef<number | null>(null);
  useEffect(() => {
    const at = removedAt.current;
    if (at === null || !focusLost()) return;
    removedAt.current = null;
    const buttons = table.current?.querySelectorAll<HTMLButtonElement>('button.danger') ?? [];
    (buttons[Math.min(at, buttons.length - 1)] ?? keyInput.current)?.focus();
  }, [props.entries]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEntryValue(value, kind);
    if (!parsed.ok) return props.onError(parsed.message);
    const [sentKey, sentValue] = [key, value];
    void props.onSet(key, parsed.value).then((saved) => {
      if (!saved) return;
      // Clear the form only if the user has not started typing the next entry meanwhile.
      setKey((k) => (k === sentKey ? '' : k));
      setValue((v) => (v === sentValue ? '' : v));
    });
  };

  return (
    <>
      <form onSubmit={onSubmit} className="entry-form" aria-label={`${props.store} entry`}>
        <label>
          {props.store} key
          <input
            ref={keyInput}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          {props.store} value
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label>
          {props.store} value type
          <select value={kind} onChange={(e) => setKind(e.target.value as ValueKind)}>
            <option value="text">Text</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <button type="submit" disabled={props.busy}>
          {props.submitLabel}
        </button>
      </form>
      <ErrorNote message={props.error} />
      {props.loading ? (
        <p className="empty-list" aria-busy="true">
          Loading…
        </p>
      ) : props.entries.length === 0 ? (
        <p className="empty-list">{props.filtered ? 'No key starts with this prefix.' : 'No entries.'}</p>
      ) : (
        <table aria-label={`${props.store} entries`} className="entries" ref={table}>
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
            {props.entries.map(([k, v], index) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>
                  <code>{showValue(v)}</code>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Edit ${lower} entry ${k}`}
                    onClick={() => {
                      setKey(k);
                      setKind(typeof v === 'string' ? 'text' : 'json');
                      setValue(typeof v === 'string' ? v : JSON.stringify(v));
                      // Carry on in the form, where the entry now is.
                      keyInput.current?.focus();
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${lower} entry ${k}`}
                    onClick={() => {
                      removedAt.current = index;
                      props.onRemove(k);
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
