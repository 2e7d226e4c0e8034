/**
 * An area's panel loaded as its own chunk, so the first screen (Sign-in) does not wait for the showcase areas.
 * Unlike a bare React.lazy, a panel that has been loaded (by `preload`, once the first screen is up) renders at
 * once: React.lazy suspends at least once on first render, and React holds a fallback on screen for a moment
 * before showing what replaced it, so a person clicking a tab would see "Loading…" flash for a chunk that was
 * already there.
 */
import { createElement, lazy, type ComponentType } from 'react';

export interface LazyPanel {
  /** Render this; it suspends (show a Suspense fallback) only while its chunk is still on its way. */
  Panel: ComponentType;
  /** Starts loading the chunk (once); resolves when the panel can render without suspending. */
  preload: () => Promise<void>;
}

export function lazyPanel(load: () => Promise<ComponentType>): LazyPanel {
  let loaded: ComponentType | null = null;
  let loading: Promise<ComponentType> | null = null;
  const start = () =>
    (loading ??= load().then(
      (panel) => (loaded = panel),
      (error: unknown) => {
        // A failed chunk (the host was rebuilt or stopped) may load on the next try.
        loading = null;
        throw error;
      },
    ));
  // React.lazy keeps a failure for good; after one, the next render gets a fresh one, so showing the area again
  // (picking its tab once more) tries the chunk again.
  const suspending = (): ComponentType =>
    lazy(() =>
      start().then(
        (panel) => ({ default: panel }),
        (error: unknown) => {
          current = suspending();
          throw error;
        },
      ),
    );
  let current = suspending();
  function Panel() {
    return createElement(loaded ?? current);
  }
  return { Panel, preload: () => start().then(() => undefined) };
}
