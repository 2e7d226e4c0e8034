import type { VaultInfo } from '../../shared/auth-types.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useAction } from '../components/use-action.ts';
import { host } from '../host/client.ts';
import { useHostData } from '../host/use-host-data.ts';

const LEVEL_TEXT: Record<VaultInfo['level'], string> = {
  'os-keychain': 'protected by the operating system keychain',
  'key-file':
    'protected by a key file in the data folder (web mode: weaker than an OS keychain; anyone who can read your files can read them)',
  weak: 'only weakly protected (no keyring available)',
};

/** Where remembered sign-ins live and how they are protected; "Forget all remembered sign-ins". */
export function VaultPanel() {
  const vault = useHostData(() => host['auth.vault'](), '', ['auth.changed', 'auth.signedOut']);
  const info = vault.data;
  const { error, run } = useAction(vault.reload);

  return (
    <section aria-labelledby="vault-heading" className="card">
      <h2 id="vault-heading">Remembered sign-ins</h2>
      {info && (
        <>
          <p className="hint">
            Kept in {info.file}, encrypted, {LEVEL_TEXT[info.level]} (key store: {info.backend}).{' '}
            {info.remembered.length ? `Remembered: ${info.remembered.join(', ')}.` : 'Nothing is remembered.'}
          </p>
          {info.whyNot && (
            <p role="alert" className="error">
              New sign-ins are not remembered: {info.whyNot}.
            </p>
          )}
          {info.level === 'weak' && (
            <label className="check">
              <input
                type="checkbox"
                checked={info.allowWeakProtection}
                onChange={(e) => void run(() => host['auth.setAllowWeakProtection'](e.target.checked))}
              />
              Allow weaker protection
            </label>
          )}
          {info.notes.map((n, i) => (
            <p role="status" className="notice" key={i}>
              {n.reason}
              {n.movedTo ? ` The old file was kept as ${n.movedTo}.` : ''}
            </p>
          ))}
          <ConfirmButton
            label="Forget all remembered sign-ins"
            question={`Forget all ${info.remembered.length} remembered sign-in${info.remembered.length === 1 ? '' : 's'}? You stay signed in until the app closes.`}
            confirmLabel="Forget"
            onConfirm={() => void run(() => host['auth.forgetAll']())}
          />
        </>
      )}
      <ErrorNote message={error ?? vault.error} />
    </section>
  );
}
