/**
 * Clipboard, links and focus for the renderer. In the desktop app they go through the host (Electron
 * deprecates renderer clipboard access); in a browser the page uses what the browser offers.
 */
import { HostError } from '../../shared/errors.ts';
import { isSafeExternalUrl } from '../../shared/url-safety.ts';
import { POPUP_SIZE, type OpenUrlOptions, type WindowCapabilities } from '../../shared/window-types.ts';
import { host } from './client.ts';

let capabilities: Promise<WindowCapabilities> | null = null;
export const getCapabilities = (): Promise<WindowCapabilities> =>
  (capabilities ??= host['window.capabilities']());
const isDesktop = async () => (await getCapabilities()).transport === 'electron';

export async function readClipboard(): Promise<string> {
  if (await isDesktop()) return host['clipboard.read']();
  return navigator.clipboard.readText();
}

export async function writeClipboard(text: string): Promise<void> {
  if (await isDesktop()) return host['clipboard.write'](text);
  return navigator.clipboard.writeText(text);
}

export async function bringWindowToFront(): Promise<void> {
  if (await isDesktop()) return host['window.toFront']();
  window.focus();
}

const webPopups = new Map<string, Window>();

/** Flet's launch_url. Only http, https and mailto. */
export async function openUrl(
  url: string,
  options: OpenUrlOptions = {},
): Promise<'browser' | 'popup' | 'this tab'> {
  if (await isDesktop()) return (await host['link.open'](url, options)).openedIn;
  if (!isSafeExternalUrl(url))
    throw new HostError('invalid_argument', 'only http, https and mailto links can be opened');
  const target = options.target ?? '_blank';
  if (target === '_self' && !options.popup) {
    window.location.assign(url);
    return 'this tab';
  }
  const name = target === '_self' ? '_blank' : target;
  if (!options.popup) {
    // A plain link: the opened site gets no handle back into the app.
    window.open(url, name, 'noopener,noreferrer');
    return 'browser';
  }
  // A popup keeps its opener link only because closeInAppWebView needs a handle to close it (a browser lets a
  // page close only the windows it opened); the site in it, being cross-origin, cannot read the app.
  const opened = window.open(
    url,
    name,
    `popup,noreferrer=false,width=${options.width ?? POPUP_SIZE.width.default},height=${options.height ?? POPUP_SIZE.height.default}`,
  );
  if (opened) webPopups.set(name, opened);
  return 'popup';
}

export async function closeInAppWebView(): Promise<boolean> {
  if (await isDesktop()) return host['link.closeInAppWebView']();
  const open = [...webPopups.values()].filter((w) => !w.closed);
  for (const w of open) w.close();
  webPopups.clear();
  return open.length > 0;
}
