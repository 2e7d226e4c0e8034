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

/** The key store by the name people know it by; null where the level's text already says it. */
function keyStoreName(backend: string): string | null {
  if (backend === 'key-file') return null;
  if (backend === 'keychain') return 'the macOS Keychain';
  if (backend === 'dpapi') return 'Windows DPAPI';
  if (backend === 'gnome_libsecret') return 'the Secret Service (GNOME Keyring)';
  if (backend.startsWith('kwallet')) return 'KWallet';
  if (backend === 'basic_text') return 'a fixed key that does not really protect them';
  return backend;
}

/** A note from the host as a sentence: a capital at the start, a full stop at the end. */
const sentence = (text: string) => {
  const t = text.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.') : t;
};

/** Where remembered sign-ins live and how they are protected; "Forget all remembered sign-ins". */
export function VaultPanel() {
  // A sign-in that is remembered changes what is here too (else it would say "Nothing is remembered" beside a
  // card that says "Remembered on this computer").
  const vault = useHostData(() => host['auth.vault'](), '', [
    'auth.changed',
    'auth.signedIn',
    'auth.signedOut',
  ]);
  const info = vault.data;
  const { error, run } = useAction(vault.reload);

  return (
    <section aria-labelledby="vault-heading" className="card">
      <h2 id="vault-heading">Remembered sign-ins</h2>
      {info && (
        <>
          <p className="hint">
            Kept in {info.file}, encrypted, {LEVEL_TEXT[info.level]}
            {keyStoreName(info.backend) ? ` (key store: ${keyStoreName(info.backend)})` : ''}.{' '}
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
              {sentence(n.reason)}
              {n.movedTo ? ` The old file was kept as ${n.movedTo}.` : ''}
            </p>
          ))}
          <ConfirmButton
            label="Forget all remembered sign-ins"
            question={`Forget all ${info.rememberedSessions} remembered sign-in${info.rememberedSessions === 1 ? '' : 's'}? You stay signed in until the app closes.`}
            confirmLabel="Forget"
            disabled={info.rememberedSessions === 0}
            onConfirm={() => void run(() => host['auth.forgetAll']())}
          />
        </>
      )}
      <ErrorNote message={error ?? vault.error} />
    </section>
  );
}
