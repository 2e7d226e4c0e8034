import { useEffect, useReducer, useState } from 'react';
import type { ProvidersOverview } from '../../shared/auth-types.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { errorMessage, host, onHostEvent } from '../host/client.ts';
import { ProviderCard } from './ProviderCard.tsx';
import { VaultPanel } from './VaultPanel.tsx';

/** One card per configured provider; several can be signed in at once. */
export function SignInPanel() {
  const [overview, setOverview] = useState<ProvidersOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, reload] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    const offs = [
      onHostEvent('auth.changed', () => reload()),
      onHostEvent('auth.signedIn', () => reload()),
      onHostEvent('auth.signedOut', () => reload()),
      onHostEvent('auth.signInFailed', () => reload()),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  useEffect(() => {
    let live = true;
    host['auth.providers']().then(
      (o) => live && setOverview(o),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  return (
    <div className="stack">
      <ErrorNote message={error} />
      {overview && overview.problems.length > 0 && (
        <section aria-labelledby="config-problems-heading" className="card warning">
          <h2 id="config-problems-heading">Problems in the providers configuration</h2>
          <p className="hint">
            These entries were left out; the others work.{overview.source ? ` File: ${overview.source}` : ''}
          </p>
          <ul>
            {overview.problems.map((p, i) => (
              <li key={i}>
                <b>{p.entry}</b>, field <code>{p.field}</code>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview?.providers.map((p) => (
        <ProviderCard key={p.id} provider={p} onChange={reload} />
      ))}
      {overview && <VaultPanel />}
    </div>
  );
}
