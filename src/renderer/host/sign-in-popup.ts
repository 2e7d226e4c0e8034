/**
 * The web-mode sign-in window: one per provider, kept so that Cancel in the app closes it and the next attempt
 * reuses it instead of leaving a stale provider page behind (which, finished later, would land on a loopback
 * address nobody listens on any more).
 *
 * Keeping a handle needs a window opened without `noopener`, as MSAL.js's and Auth0's popup sign-ins open
 * theirs: a browser lets a page close or navigate a cross-origin window only if it is that window's opener
 * (dropping `opener` after opening takes both away). What the provider's page gets is the cross-origin
 * `window.opener` proxy: postMessage and a top-level navigation of the app tab, no access to its contents.
 * The window only ever shows the configured provider and this host's loopback result page. The page's
 * `Referrer-Policy: no-referrer` keeps the app's address out of the provider's request.
 */
import { openFromApp } from './open-guard.ts';

const windows = new Map<string, Window>();

const FEATURES = 'popup,width=520,height=720';

export function openSignInPopup(providerId: string, url: string): void {
  const kept = windows.get(providerId);
  if (kept && !kept.closed) {
    // It shows the provider's (cross-origin) page by now: `location.replace` and `focus` are among the few
    // things a page may still do to a window it opened.
    kept.location.replace(url);
    kept.focus();
    return;
  }
  const popup = openFromApp(url, '_blank', FEATURES);
  // A blocked window: the card's "Sign-in link" still offers the address.
  if (popup) windows.set(providerId, popup);
  else windows.delete(providerId);
}

/** Closes the provider's sign-in window if the app still has it open; answers whether there was one. */
export function closeSignInPopup(providerId: string): boolean {
  const popup = windows.get(providerId);
  windows.delete(providerId);
  if (!popup || popup.closed) return false;
  popup.close();
  return true;
}
