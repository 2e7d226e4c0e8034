import { APP_IDENTITY } from '../../shared/app-identity.ts';
import type { UpdateState } from '../../shared/update-types.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useAction } from '../components/use-action.ts';
import { host } from '../host/client.ts';
import { useHostData } from '../host/use-host-data.ts';

/** The update state in plain words, as the About area says it. */
export function updateText(state: UpdateState): string {
  switch (state.status) {
    case 'unsupported':
      return `Updates are for the installed app (${state.reason}).`;
    case 'idle':
      return 'Updates are checked in the background.';
    case 'checking':
      return 'Checking for updates…';
    case 'upToDate':
      return 'You have the newest version.';
    case 'downloading':
      return `Downloading version ${state.version}…`;
    case 'ready':
      return `Version ${state.version} is ready: restart to update.`;
    case 'error':
      return state.message;
  }
}

/** Version, updates (check, progress, restart to update) and the log folder. */
export function AboutPanel() {
  const info = useHostData(() => host['app.info'](), '');
  const update = useHostData(() => host['update.state'](), '', ['update.changed']);
  const { error, busy, run } = useAction(update.reload);
  const state = update.data;
  const desktop = info.data?.transport === 'electron';

  return (
    <>
      <section aria-labelledby="about-heading" className="card">
        <h2 id="about-heading">{APP_IDENTITY.productName}</h2>
        <p>
          {info.data
            ? `Version ${info.data.version} · ${desktop ? 'desktop app' : 'web mode'} · ${info.data.platform}`
            : 'Connecting…'}
        </p>
      </section>
      <section aria-labelledby="updates-heading" className="card">
        <h2 id="updates-heading">Updates</h2>
        {state && (
          <p role="status" className={state.status === 'error' ? 'error' : 'hint'}>
            {updateText(state)}
          </p>
        )}
        {state?.status === 'downloading' && (
          <progress max={100} value={state.percent} aria-label="Update download">
            {state.percent}%
          </progress>
        )}
        {state && state.status !== 'unsupported' && (
          <div className="row">
            {state.status === 'ready' ? (
              <button type="button" disabled={busy} onClick={() => void run(() => host['update.install']())}>
                Restart to update
              </button>
            ) : (
              <button
                type="button"
                disabled={busy || state.status === 'checking' || state.status === 'downloading'}
                onClick={() => void run(() => host['update.check']())}
              >
                Check for updates
              </button>
            )}
          </div>
        )}
        <ErrorNote message={error ?? update.error} />
      </section>
      <section aria-labelledby="logs-heading" className="card">
        <h2 id="logs-heading">Logs</h2>
        {desktop ? (
          <>
            <p className="hint">
              The app keeps a log for support, with tokens, codes, secrets and passphrases removed from every
              line.
            </p>
            <div className="row">
              <button
                type="button"
                className="secondary"
                onClick={() => void run(() => host['app.openLogsFolder']())}
              >
                Open logs folder
              </button>
            </div>
          </>
        ) : (
          <p className="hint">Web mode writes its log to the terminal it runs in, with secrets removed.</p>
        )}
      </section>
    </>
  );
}
