import { Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { APP_IDENTITY } from '../shared/app-identity.ts';
import type { AppInfo } from '../shared/contract.ts';
import { host, onHostEvent } from './host/client.ts';
import { SignInPanel } from './panels/SignInPanel.tsx';
import { AreaBoundary } from './components/AreaBoundary.tsx';
import { useNarrow } from './components/use-narrow.ts';
import { useTabBar } from './components/use-tab-bar.ts';
import { AREAS, type AreaId } from './areas.ts';
import { lazyPanel, type LazyPanel } from './lazy-panel.ts';

/**
 * The areas after the first screen, each its own chunk: the first screen is Sign-in, and its JavaScript should
 * not wait for the showcase's (see "Build and first screen" in the README).
 */
const LAZY: Record<Exclude<AreaId, 'signin'>, LazyPanel> = {
  storage: lazyPanel(() => import('./panels/StoragePanel.tsx').then((m) => m.StoragePanel)),
  encryption: lazyPanel(() => import('./panels/EncryptionPanel.tsx').then((m) => m.EncryptionPanel)),
  window: lazyPanel(() => import('./panels/WindowPanel.tsx').then((m) => m.WindowPanel)),
  about: lazyPanel(() => import('./panels/AboutPanel.tsx').then((m) => m.AboutPanel)),
};

/** Each area's panel; the list itself (order, ids, labels) is areas.ts. */
const PANELS: Record<AreaId, React.ComponentType> = {
  signin: SignInPanel,
  storage: LAZY.storage.Panel,
  encryption: LAZY.encryption.Panel,
  window: LAZY.window.Panel,
  about: LAZY.about.Panel,
};

/**
 * The areas after Sign-in are fetched without waiting for them, so a tab picked a moment after the page loaded
 * opens at once. The next tab's chunk while the first render waits for the providers (main.tsx); the others
 * from App's first effect, once the first screen is on the page: beside the first render they took the CPU it
 * needs and the browser's connections to the host (6, one held by the event stream), and Sign-in's first
 * calls queued behind them. Effects run children first, so Sign-in's own calls are already on their way.
 */
export function preloadNextArea(): void {
  const next = AREAS.find((a) => a.id !== 'signin');
  if (next) LAZY[next.id].preload().catch(() => undefined);
}

function preloadAreas(): void {
  for (const a of AREAS) if (a.id !== 'signin') LAZY[a.id].preload().catch(() => undefined);
}

export function App() {
  const [area, setArea] = useState<AreaId>('signin');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const chosen = useRef(false);
  const narrow = useNarrow();
  // As a tab bar (narrow window) it may not fit: it shows that it scrolls and keeps the current tab in view.
  const tablist = useRef<HTMLDivElement>(null);
  useTabBar(tablist, `${area} ${narrow}`);

  useEffect(preloadAreas, []);

  useEffect(() => {
    host['app.info']().then(setInfo, () => setInfo(null));
    // Open where the user left off (kept in the app's settings); a stale or unknown area is ignored.
    host['app.settings']().then(
      (s) => {
        const last = AREAS.find((a) => a.id === s.lastArea);
        // Only if the user has not picked an area in the meantime.
        if (last && !chosen.current) setArea(last.id);
      },
      () => undefined,
    );
  }, []);

  const show = (id: AreaId) => {
    chosen.current = true;
    setArea(id);
    host['app.setLastArea'](id).catch(() => undefined);
  };

  // After a sign-in the host asks for the window to come forward; in a browser that is window.focus().
  useEffect(() => onHostEvent('window.bringToFront', () => window.focus()), []);

  // The network came back (Wi-Fi after a sleep, a VPN): the host refreshes the tokens that came due meanwhile.
  useEffect(() => {
    const online = () => void host['app.networkOnline']().catch(() => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);
  // A deep link or the About menu item shows an area; an unknown id changes nothing.
  useEffect(
    () =>
      onHostEvent('app.showArea', ({ area: id }) => {
        const known = AREAS.find((a) => a.id === id);
        if (!known) return;
        chosen.current = true;
        setArea(known.id);
      }),
    [],
  );

  // Roving focus for the vertical tab list, as the ARIA tabs pattern describes.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // Move from the tab that has focus (it may differ from the selected one).
    const focused = tabs.current.findIndex((t) => t === document.activeElement);
    const index = focused >= 0 ? focused : AREAS.findIndex((a) => a.id === area);
    // Vertical in the sidebar, horizontal as a tab bar in a narrow window: both pairs of arrows work.
    const next =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? (index + 1) % AREAS.length
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? (index - 1 + AREAS.length) % AREAS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? AREAS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    show(AREAS[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={28} height={28} />
          <span>{APP_IDENTITY.productName}</span>
        </div>
        <div
          role="tablist"
          aria-label="Areas"
          aria-orientation={narrow ? 'horizontal' : 'vertical'}
          ref={tablist}
        >
          {AREAS.map((a, i) => (
            <button
              key={a.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              role="tab"
              id={`tab-${a.id}`}
              aria-selected={area === a.id}
              aria-controls={`panel-${a.id}`}
              tabIndex={area === a.id ? 0 : -1}
              className="tab"
              onClick={() => show(a.id)}
              onKeyDown={onKeyDown}
            >
              {a.label}
            </button>
          ))}
        </div>
        <footer className="host-info">
          {info ? `${info.transport === 'web' ? 'Web mode' : 'Desktop'} · v${info.version}` : 'Connecting…'}
        </footer>
      </aside>
      <main className="content">
        {AREAS.map(({ id, label }) => {
          const Panel = PANELS[id];
          return (
            <section
              key={id}
              role="tabpanel"
              id={`panel-${id}`}
              aria-labelledby={`tab-${id}`}
              hidden={area !== id}
              className="panel"
            >
              <h1>{label}</h1>
              {area === id && (
                <AreaBoundary>
                  <Suspense fallback={<p role="status">Loading {label}…</p>}>
                    <Panel />
                  </Suspense>
                </AreaBoundary>
              )}
            </section>
          );
        })}
      </main>
    </div>
  );
}
