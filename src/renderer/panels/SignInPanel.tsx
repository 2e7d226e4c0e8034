import { ErrorNote } from '../components/ErrorNote.tsx';
import { loadProviders, takeEarlyProviders } from '../host/early-answers.ts';
import { useHostData } from '../host/use-host-data.ts';
import { PolicyNote } from './PolicyNote.tsx';
import { ProviderCard } from './ProviderCard.tsx';
import { VaultPanel } from './VaultPanel.tsx';

/** One card per configured provider; several can be signed in at once. */
export function SignInPanel() {
  const {
    data: overview,
    error,
    reload,
  } = useHostData(
    loadProviders,
    '',
    ['auth.changed', 'auth.signedIn', 'auth.signedOut', 'auth.signInFailed'],
    takeEarlyProviders,
  );

  return (
    <div className="stack">
      <ErrorNote message={error} />
      {overview && overview.problems.length > 0 && (
        <section aria-labelledby="config-problems-heading" className="card warning">
          <h2 id="config-problems-heading">Problems in the providers configuration</h2>
          <p className="hint">
            {overview.providers.length > 0
              ? 'These entries were left out; the others work.'
              : 'No sign-in provider can be offered until this is fixed. To try the built-in demo meanwhile, start with --demo-idp.'}
            {overview.source ? ` File: ${overview.source}` : ''}
          </p>
          <ul>
            {overview.problems.map((p, i) => (
              <li key={i}>
                {p.field === '(file)' ? (
                  // The file itself: its path and what is wrong with it, as one sentence.
                  <>
                    The providers file <code>{p.entry}</code> {p.message}.
                  </>
                ) : (
                  <>
                    <b>{p.entry}</b>, field <code>{p.field}</code>: {p.message}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview?.providers.map((p) => (
        <ProviderCard key={p.id} provider={p} onChange={reload} />
      ))}
      {overview && <VaultPanel />}
      {overview && <PolicyNote />}
    </div>
  );
}
