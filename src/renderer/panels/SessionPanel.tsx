import type { JsonValue } from '../../shared/json.ts';
import { EntryEditor } from '../components/EntryEditor.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { useAction } from '../components/use-action.ts';
import { firstField, useFocusKeeper } from '../components/focus.ts';
import { host } from '../host/client.ts';
import { useHostData } from '../host/use-host-data.ts';

/** Session storage: lives in the host, one per window or page load, gone when it closes. */
export function SessionPanel() {
  const list = useHostData(() => host['session.entries'](), '');
  const entries: Array<[string, JsonValue]> = list.data ?? [];
  const { error, setError, busy, run } = useAction(list.reload);
  // After Clear the list (and the Clear button) is gone: focus goes to the key field, to add the next entry.
  const section = useFocusKeeper<HTMLElement>(entries.length === 0, !busy, firstField);

  return (
    <section aria-labelledby="session-heading" className="card" ref={section}>
      <h2 id="session-heading">Session storage</h2>
      <p className="hint">Kept by the host for this window only; gone when it closes or reloads.</p>
      <EntryEditor
        store="Session"
        submitLabel="Set session value"
        entries={entries}
        onSet={(k, v) => run(() => host['session.set'](k, v))}
        onRemove={(k) => void run(() => host['session.remove'](k))}
        onError={setError}
        error={error ?? list.error}
        loading={list.data === null && list.error === null}
      />
      {entries.length > 0 && (
        <ConfirmButton
          label="Clear session"
          question={`Clear all ${entries.length} session entr${entries.length === 1 ? 'y' : 'ies'}?`}
          confirmLabel="Clear"
          onConfirm={() => void run(() => host['session.clear']())}
        />
      )}
    </section>
  );
}
