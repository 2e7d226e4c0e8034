import { act, render, screen, within } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AreaBoundary } from '../../src/renderer/components/AreaBoundary.tsx';
import { lazyPanel } from '../../src/renderer/lazy-panel.ts';

/** A chunk whose arrival the test decides. */
function deferredChunk() {
  let arrive!: () => void;
  let loads = 0;
  const chunk = new Promise<React.ComponentType>((resolve) => {
    arrive = () => resolve(() => <p>Storage panel</p>);
  });
  return {
    load: () => {
      loads++;
      return chunk;
    },
    arrive,
    loads: () => loads,
  };
}

const shown = (Panel: React.ComponentType) =>
  render(
    <Suspense fallback={<p role="status">Loading Storage…</p>}>
      <Panel />
    </Suspense>,
  );

describe('lazyPanel: an area loaded as its own chunk', () => {
  it('shows an accessible loading state until its chunk arrives, then the panel', async () => {
    const chunk = deferredChunk();
    const { Panel } = lazyPanel(chunk.load);
    shown(Panel);
    expect(screen.getByRole('status').textContent).toBe('Loading Storage…');
    await act(async () => chunk.arrive());
    expect(await screen.findByText('Storage panel')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('renders at once, with no loading state, once preloaded; the chunk is fetched once', async () => {
    const chunk = deferredChunk();
    const { Panel, preload } = lazyPanel(chunk.load);
    const ready = preload();
    void preload();
    chunk.arrive();
    await ready;
    shown(Panel);
    expect(screen.getByText('Storage panel')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(chunk.loads()).toBe(1);
  });

  it('tries a chunk that failed to load again on the next preload', async () => {
    let tries = 0;
    const { preload } = lazyPanel(() =>
      ++tries === 1 ? Promise.reject(new Error('chunk gone')) : Promise.resolve(() => <p>ok</p>),
    );
    await expect(preload()).rejects.toThrow('chunk gone');
    await expect(preload()).resolves.toBeUndefined();
    expect(tries).toBe(2);
  });

  it('a chunk that cannot be fetched is an alert in its panel, not a blank page; showing it again retries', async () => {
    // The chunk is gone (web mode rebuilt under the page) until the test brings it back.
    let gone = true;
    const { Panel } = lazyPanel(() =>
      gone
        ? Promise.reject(new Error('Failed to fetch dynamically imported module: /assets/StoragePanel-X.js'))
        : Promise.resolve(() => <p>Storage panel</p>),
    );
    const area = () => (
      <div>
        <p>Sign-in still here</p>
        <AreaBoundary>
          <Suspense fallback={<p role="status">Loading Storage…</p>}>
            <Panel />
          </Suspense>
        </AreaBoundary>
      </div>
    );
    // React reports the caught error on the console; expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const first = render(area());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This area could not be loaded. Reload the page to try again.');
    expect(within(alert).getByText('Technical detail')).toBeTruthy();
    expect(screen.getByText('Sign-in still here')).toBeTruthy();
    first.unmount();
    quiet.mockRestore();
    // Picking the tab again mounts the panel afresh, which fetches the chunk once more.
    gone = false;
    render(area());
    expect(await screen.findByText('Storage panel')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
