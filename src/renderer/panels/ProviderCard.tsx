import { useEffect, useState } from 'react';
import type { AuthState, ProviderInfo } from '../../shared/auth-types.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { formatDuration, useNow } from '../components/use-now.ts';
import { useFocusKeeper } from '../components/focus.ts';
import { useAction } from '../components/use-action.ts';
import { host } from '../host/client.ts';
import { signInFailure } from '../host/friendly-error.ts';
import { closeSignInPopup, openSignInPopup } from '../host/sign-in-popup.ts';
import { openFromApp } from '../host/open-guard.ts';
import { TryAnotherWay } from './TryAnotherWay.tsx';
import { avatarAllowed } from '../../shared/csp.ts';

type SignedIn = Extract<AuthState, { status: 'signedIn' }>;

/**
 * A provider's card. Button names are part of the public contract: "Sign in with {name}", "Cancel",
 * "Refresh now", "Sign out"; the card itself is a region named after the provider.
 */
export function ProviderCard({ provider, onChange }: { provider: ProviderInfo; onChange: () => void }) {
  const { error, busy, run } = useAction(onChange);
  const [rememberMe, setRememberMe] = useState(true);
  const headingId = `provider-${provider.id}`;

  const signIn = (options: { addAccount?: boolean } = {}) =>
    run(async () => {
      const { authorizationUrl, openedByHost } = await host['auth.signIn'](provider.id, {
        rememberMe,
        ...options,
      });
      // In a browser the page opens the provider itself, as Flet's web mode does.
      if (!openedByHost) openSignInPopup(provider.id, authorizationUrl);
    });

  const state = provider.state;
  // A sign-in in flight: the card's own, or one beside the accounts signed in (adding one, more scopes).
  const pending = state.status === 'pending' ? state : (provider.pending ?? null);
  // A sign-in cancelled in the app (here, in another tab or from the menu) takes its provider window with it.
  const cancelled = state.status === 'signedOut' && state.cancelled === true;
  useEffect(() => {
    if (cancelled) closeSignInPopup(provider.id);
  }, [cancelled, provider.id]);
  // The card's controls change with its state (Sign in → Cancel → Sign out), also when a sign-in completes in
  // the browser: focus that was in the card goes to its first control instead of being lost.
  // While an action runs its buttons are disabled; focus waits for them rather than landing on whatever
  // control happens to be enabled (after Sign out: the sign-in button, not "Remember me").
  const cardRef = useFocusKeeper<HTMLElement>(state.status, !busy);
  // One failure, said once. A sign-in the host refuses is also recorded as the provider's last error: that
  // one is said (first line "Sign-in failed: …", its code and raw text under Technical detail), not the
  // refused call as well. Any other refusal (Cancel, Refresh now, …) is said as the card's own error. A
  // cancel on the provider's page is a note, not a failure.
  // While accounts stay signed in, a failed attempt (adding one) is the provider's `lastError`.
  const lastError = state.status === 'signedOut' ? state.lastError : provider.lastError;
  const last = lastError ? signInFailure(lastError) : null;
  const failure = last && !last.cancelled ? last : error;
  // Both pending states (browser and device code) offer the same Cancel.
  const cancel = (
    <button
      type="button"
      className="secondary"
      onClick={() =>
        void run(async () => {
          closeSignInPopup(provider.id);
          return host['auth.cancel'](provider.id);
        })
      }
    >
      Cancel
    </button>
  );
  return (
    <section aria-labelledby={headingId} className="card provider" ref={cardRef}>
      <header className="provider-head">
        <h2 id={headingId}>{provider.name}</h2>
        {provider.isDemo && <span className="badge">Demo identity provider, runs on this computer</span>}
      </header>
      {state.status === 'signedOut' && (
        <>
          {state.cancelled ? (
            <p className="notice" role="status">
              Sign-in cancelled.
            </p>
          ) : last?.cancelled ? (
            <div className="notice" role="status">
              <p>{last.message}</p>
              <details className="error-detail">
                <summary>Technical detail</summary>
                <code>{last.detail}</code>
              </details>
            </div>
          ) : (
            state.reason && <p className="notice">Signed out: {state.reason}</p>
          )}
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void signIn()}>
              Sign in with {provider.name}
            </button>
            {provider.deviceFlow && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void run(() => host['auth.signInWithDevice'](provider.id, { rememberMe }))}
              >
                Use a device code instead
              </button>
            )}
            <label className="check">
              <input type="checkbox" checked={rememberMe} onChange={(e) => setRememberMe(e.target.checked)} />
              Remember me
            </label>
          </div>
          {provider.isDemo && <p className="hint">Demo accounts: ada, grace, alan; password "demo".</p>}
        </>
      )}
      {pending?.mode === 'browser' && (
        <div className="pending" aria-live="polite">
          <p>
            Waiting for you to complete the sign-in in the browser… <Countdown until={pending.expiresAt} />
          </p>
          <label>
            Sign-in link
            <input readOnly value={pending.authorizationUrl} onFocus={(e) => e.target.select()} />
          </label>
          <div className="row">
            <CopyButton text={pending.authorizationUrl} label="Copy link" />
            <a href={pending.authorizationUrl} target="_blank" rel="noopener noreferrer">
              Open the sign-in page
            </a>
            {cancel}
          </div>
          <TryAnotherWay
            providerId={provider.id}
            deviceFlow={provider.deviceFlow}
            rememberMe={rememberMe}
            onChange={onChange}
          />
        </div>
      )}
      {pending?.mode === 'device' && (
        <div className="pending" aria-live="polite">
          <p>
            Go to{' '}
            <a
              href={pending.verificationUriComplete ?? pending.verificationUri}
              target="_blank"
              rel="noopener noreferrer"
            >
              {pending.verificationUri}
            </a>{' '}
            and enter the code:
          </p>
          <p className="user-code">
            <span className="visually-hidden">Device code: </span>
            {pending.userCode}
          </p>
          <p className="hint">
            <Countdown until={pending.expiresAt} />
          </p>
          <div className="row">
            <CopyButton text={pending.userCode} label="Copy code" />
            {cancel}
          </div>
        </div>
      )}
      {state.status === 'signedIn' && (
        <SignedInView
          provider={provider}
          state={state}
          busy={busy}
          run={run}
          addAccount={
            <div className="row">
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void signIn({ addAccount: true })}
              >
                Add another account
              </button>
              <label className="check">
                <input
                  type="checkbox"
                  checked={rememberMe}
                  onChange={(e) => setRememberMe(e.target.checked)}
                />
                Remember me
              </label>
            </div>
          }
        />
      )}
      <ErrorNote message={failure} />
    </section>
  );
}

const nameOf = (user: SignedIn['user']) =>
  user?.name ?? user?.login ?? user?.email ?? user?.id ?? 'this account';

/**
 * What an account is called on the card and in its buttons' names ("Sign out Ada Lovelace"): its name, with
 * its e-mail (or login) after it when another account of the provider has the same name (work and personal).
 */
export function accountLabel(user: SignedIn['user'], accounts: ProviderInfo['accounts']): string {
  const name = nameOf(user);
  const twins = accounts.filter((a) => nameOf(a.user) === name).length > 1;
  const extra = user?.email ?? user?.login ?? user?.id;
  return twins && extra && extra !== name ? `${name} (${extra})` : name;
}

function SignedInView(props: {
  provider: ProviderInfo;
  state: SignedIn;
  busy: boolean;
  run: (action: () => Promise<unknown>) => Promise<unknown>;
  addAccount: React.ReactNode;
}) {
  const { provider, state } = props;
  const now = useNow();
  const [response, setResponse] = useState<string | null>(null);
  const [refreshed, setRefreshed] = useState('');
  const user = state.user;
  const signOut = (accountId: string) =>
    void props.run(async () => {
      const { endSessionUrl } = await host['auth.signOut'](provider.id, { accountId });
      if (endSessionUrl) openFromApp(endSessionUrl, '_blank', 'noopener,noreferrer');
    });
  const others = provider.accounts.filter((a) => a.accountId !== state.accountId);
  return (
    <div className="signed-in">
      {others.length > 0 && (
        <>
          <h3 className="accounts-heading">Accounts</h3>
          <ul className="accounts" aria-label={`${provider.name} accounts`}>
            {provider.accounts.map((a) => {
              const label = accountLabel(a.user, provider.accounts);
              const active = a.accountId === state.accountId;
              return (
                <li
                  key={a.accountId}
                  role="group"
                  aria-label={label}
                  className={active ? 'account active' : 'account'}
                >
                  <span className="who">{label}</span>{' '}
                  <span className="hint">{a.user?.email ?? a.user?.login ?? ''}</span>
                  {active ? (
                    <span className="badge">Active</span>
                  ) : (
                    <span className="row">
                      <button
                        type="button"
                        className="secondary"
                        disabled={props.busy}
                        onClick={() =>
                          void props.run(() => host['auth.setActiveAccount'](provider.id, a.accountId))
                        }
                      >
                        Use this account
                      </button>
                      <button
                        type="button"
                        className="danger"
                        disabled={props.busy}
                        aria-label={`Sign out ${label}`}
                        onClick={() => signOut(a.accountId)}
                      >
                        Sign out
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="identity">
        {user?.avatarUrl && avatarAllowed(user.avatarUrl) && (
          <img src={user.avatarUrl} alt="" width={48} height={48} className="avatar" />
        )}
        <div>
          <p className="who">{user?.name ?? user?.login ?? 'Signed in'}</p>
          {user?.email && <p className="hint">{user.email}</p>}
        </div>
      </div>
      <h3 className="visually-hidden">{provider.name} sign-in details</h3>
      <dl className="facts">
        <dt>User id</dt>
        <dd>{user?.id ?? '—'}</dd>
        <dt>E-mail</dt>
        <dd>
          {user?.email ?? (state.unavailable?.email ? `not available: ${state.unavailable.email}` : '—')}
        </dd>
        <dt>Groups</dt>
        <dd>
          {state.unavailable?.groups
            ? `not available: ${state.unavailable.groups}`
            : state.groups === null
              ? 'not fetched'
              : state.groups.length
                ? state.groups.map((g) => g.name).join(', ')
                : 'none'}
        </dd>
        <dt>Token type</dt>
        <dd>{state.tokenType}</dd>
        <dt>Scopes</dt>
        <dd>{state.scopes.join(' ') || '—'}</dd>
        <dt>Expires in</dt>
        <dd>{state.expiresAt === null ? 'no expiry given' : formatDuration(state.expiresAt - now)}</dd>
        <dt>Token fingerprint</dt>
        <dd>
          <code>{state.fingerprint}</code>
        </dd>
      </dl>
      {state.refreshProblem && (
        <p className="notice">Offline or the provider is unavailable: {state.refreshProblem}</p>
      )}
      {state.revalidateProblem && (
        <p className="notice" role="status">
          {state.revalidateProblem}
        </p>
      )}
      <p className="hint">
        {state.restored && !state.revalidateProblem ? 'Restored from your last session. ' : ''}
        {state.imported ? 'Signed in from an imported token. ' : ''}
        {state.remembered
          ? 'Remembered on this computer.'
          : state.rememberProblem
            ? ''
            : 'Not remembered: ends when the app closes.'}
      </p>
      {state.rememberProblem && (
        <p role="alert" className="error">
          Not remembered: {state.rememberProblem}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={props.busy}
          onClick={() =>
            void props.run(async () => {
              const next = await host['auth.refresh'](provider.id, { accountId: state.accountId });
              // Say what happened: a new token, and how long it now lasts.
              setRefreshed(
                next.status === 'signedIn' && next.expiresAt !== null
                  ? `Refreshed: the new token expires in ${formatDuration(next.expiresAt - Date.now())}.`
                  : 'Refreshed: the provider gave a new token.',
              );
            })
          }
        >
          Refresh now
        </button>
        {provider.exampleRequest && (
          <button
            type="button"
            className="secondary"
            disabled={props.busy}
            onClick={() =>
              void props.run(async () => {
                const r = await host['auth.request'](
                  provider.id,
                  { url: provider.exampleRequest!.url },
                  { accountId: state.accountId },
                );
                setResponse(`HTTP ${r.status}\n${prettyJson(r.body)}`);
              })
            }
          >
            {provider.exampleRequest.label}
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={props.busy}
          aria-label={`Sign out ${accountLabel(user, provider.accounts)}`}
          onClick={() => signOut(state.accountId)}
        >
          Sign out
        </button>
      </div>
      {props.addAccount}
      <p role="status" className="status">
        {refreshed}
      </p>
      {response !== null && (
        // A scrolling box must be reachable by keyboard (Tab, then arrows scroll it).
        <div role="region" aria-label={`${provider.name} API response`} tabIndex={0} className="api-response">
          <pre>{response}</pre>
        </div>
      )}
    </div>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2).slice(0, 4000);
  } catch {
    return text.slice(0, 4000);
  }
}

/** "times out in 4 min 12 s", ticking: how long the provider's page will still be waited for. */
function Countdown({ until }: { until: number }) {
  const now = useNow();
  const left = until - now;
  return (
    <span className="countdown">{left > 0 ? `(times out in ${formatDuration(left)})` : '(timed out)'}</span>
  );
}
