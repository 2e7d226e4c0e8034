/**
 * Which URLs the app may navigate to, open in a new window, or hand to the system browser. Pure functions:
 * the Electron wiring calls them for every web contents.
 */

import { isSafeExternalUrl } from '../../shared/url-safety.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'latchkey';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export { isSafeExternalUrl };

function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    appOrigins.includes(parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin)
  );
}

export type NavigationDecision = { allow: true } | { allow: false; openExternal?: string };

/** In-page navigation: never leave the app. A web link the user followed goes to the system browser instead. */
export function decideNavigation(
  url: string,
  appOrigins: readonly string[],
  inPopup = false,
): NavigationDecision {
  if (isAppUrl(url, appOrigins)) return { allow: !inPopup };
  // An in-app popup is a small browser: it may follow web links inside itself, and nothing else.
  if (inPopup) return isSafeExternalUrl(url, ['https:', 'http:']) ? { allow: true } : { allow: false };
  return isSafeExternalUrl(url, ['https:', 'http:']) ? { allow: false, openExternal: url } : { allow: false };
}

/**
 * `window.open` and target=_blank: never a new Electron window from page code. The app page's web links go
 * to the system browser; a site inside an in-app popup gets nothing (it would otherwise open browser tabs
 * without end, and the app never chose to send the user there).
 */
export function decideWindowOpen(url: string, inPopup = false): { action: 'deny'; openExternal?: string } {
  return !inPopup && isSafeExternalUrl(url, ['https:', 'http:'])
    ? { action: 'deny', openExternal: url }
    : { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation, …): none are needed, so all are refused. */
export function decidePermission(_permission: string, _requestingUrl: string): boolean {
  return false;
}

export interface SenderFacts {
  /** URL of the frame that sent the IPC message, or undefined when the frame is gone. */
  url: string | undefined;
  isMainFrame: boolean;
}

/** IPC may come only from our own page's main frame, never from a subframe or a navigated-away page. */
export function isTrustedSender(sender: SenderFacts, appOrigins: readonly string[]): boolean {
  return sender.isMainFrame && sender.url !== undefined && isAppUrl(sender.url, appOrigins);
}
