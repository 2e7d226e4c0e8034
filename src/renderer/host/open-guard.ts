/**
 * Windows from the app page open only through the app's own code. A script injected into the page could
 * otherwise carry a token away in the address of a window it opens (`window.open`, or a synthetic click on
 * a link with a target), which no CSP directive covers. So the page's `window.open` opens nothing; the app's
 * own opens (`link.open` in web mode, the sign-in popup, the end-session page) go through `openFromApp`,
 * which holds the original. A link with a target opens only from a real click (page script cannot fake
 * one). In the desktop app Electron's window-open handler decides as well; this is the page's own half, and
 * the whole of it in web mode.
 */

interface GuardedWindow {
  open: Window['open'];
  document: Pick<Document, 'addEventListener'>;
}

let original: Window['open'] | null = null;

/** Opens a window for the app's own code (never handed to page script: it is not on `window`). */
export function openFromApp(url: string, target?: string, features?: string): WindowProxy | null {
  return original ? original(url, target, features) : window.open(url, target, features);
}

/** Installs the guard on the app page, once, before anything else runs. */
export function guardWindowOpen(win: GuardedWindow): void {
  if (original) return;
  original = win.open.bind(win as unknown as Window);
  const refused: Window['open'] = () => {
    console.warn('latchkey: window.open from page script was refused; the app opens links with link.open');
    return null;
  };
  // Not writable or configurable: a later script cannot put the original back.
  Object.defineProperty(win, 'open', { value: refused, writable: false, configurable: false });
  win.document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[target], area[target]') as
        HTMLAnchorElement | null | undefined;
      if (!link || link.target === '' || link.target === '_self') return;
      // A synthetic click (element.click(), dispatchEvent) is not a person.
      if (!event.isTrusted) event.preventDefault();
    },
    true,
  );
}
