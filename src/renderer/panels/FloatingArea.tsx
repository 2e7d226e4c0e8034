import { Suspense } from 'react';
import { AREAS, type AreaId } from '../areas.ts';
import { host } from '../host/client.ts';
import { lazyPanel, type LazyPanel } from '../lazy-panel.ts';

/**
 * What the floating window can show besides the floating button: one of the app's areas, alone, chosen by the
 * app (`window.openFloating({area})`). Typed by AreaId, so an area added to areas.ts must be listed here too.
 */
const FLOATING_PANELS: Record<AreaId, LazyPanel> = {
  signin: lazyPanel(() => import('./SignInPanel.tsx').then((m) => m.SignInPanel)),
  storage: lazyPanel(() => import('./StoragePanel.tsx').then((m) => m.StoragePanel)),
  encryption: lazyPanel(() => import('./EncryptionPanel.tsx').then((m) => m.EncryptionPanel)),
  window: lazyPanel(() => import('./WindowPanel.tsx').then((m) => m.WindowPanel)),
  about: lazyPanel(() => import('./AboutPanel.tsx').then((m) => m.AboutPanel)),
};

/** The area a floating window's address names (`#floating/<area>`), or null for the floating button. */
export function floatingAreaOf(hash: string): AreaId | null {
  const id = /^#floating\/([a-z-]{1,32})$/.exec(hash)?.[1];
  return AREAS.find((a) => a.id === id)?.id ?? null;
}

export function FloatingArea({ area }: { area: AreaId }) {
  const { Panel } = FLOATING_PANELS[area];
  const label = AREAS.find((a) => a.id === area)?.label ?? area;
  return (
    <main className="floating-area" aria-label={`${label} (floating window)`}>
      <button type="button" className="floating-back" onClick={() => void host['window.closeFloating']()}>
        Back to the main window
      </button>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Panel />
      </Suspense>
    </main>
  );
}
