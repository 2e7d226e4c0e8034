/**
 * Clipboard, links and focus for the renderer. In the desktop app they go through the host (Electron
 * deprecates renderer clipboard access); in a browser the page uses what the browser offers.
 */
import { HostError } from '../../shared/errors.ts';
import { OpenBudget } from '../../shared/open-budget.ts';
import { isWebLink, linkProblem } from '../../shared/url-safety.ts';
import { hasUserActivation, needsUserActivationError } from '../../shared/user-activation.ts';
import { POPUP_SIZE, type OpenUrlOptions, type WindowCapabilities } from '../../shared/window-types.ts';
import { host } from './client.ts';
import { openFromApp } from './open-guard.ts';

let capabilities: Promise<WindowCapabilities> | null = null;
export const getCapabilities = (): Promise<WindowCapabilities> =>
  (capabilities ??= host['window.capabilities']());
const isDesktop = async () => (await getCapabilities()).transport === 'electron';

/**
 * Web mode's person-behind-it check, taken when the call starts (before any await): a page script can fake
 * nothing here that it could not do with navigator.clipboard itself, so past this the browser's own clipboard
 * permission model applies. The desktop app checks in its isolated preload instead.
 */
function requireActivation(active: boolean): void {
  if (!active) throw HostError.from(needsUserActivationError());
}

export async function readClipboard(): Promise<string> {
  const active = hasUserActivation();
  if (await isDesktop()) return host['clipboard.read']();
  requireActivation(active);
  return navigator.clipboard.readText();
}

export async function writeClipboard(text: string): Promise<void> {
  const active = hasUserActivation();
  if (await isDesktop()) return host['clipboard.write'](text);
  requireActivation(active);
  return navigator.clipboard.writeText(text);
}

export async function bringWindowToFront(): Promise<void> {
  if (await isDesktop()) return host['window.toFront']();
  window.focus();
}

const webPopups = new Map<string, Window>();
const webOpens = new OpenBudget();

/** Flet's can_launch_url: the host answers (desktop: the OS's handler where it can tell; web: the policy). */
export const canOpenUrl = (url: string): Promise<boolean> => host['link.canOpen'](url);

/** Flet's launch_url: the schemes of README "Links". */
export async function openUrl(
  url: string,
  options: OpenUrlOptions = {},
): Promise<'browser' | 'popup' | 'this tab'> {
  if (await isDesktop()) return (await host['link.open'](url, options)).openedIn;
  // The same rule as the host's; past it the browser's popup blocker applies to window.open.
  const problem = linkProblem(url);
  if (problem) throw new HostError('invalid_argument', problem.message, { path: '[0]' });
  if (options.popup && !isWebLink(url))
    throw new HostError('invalid_argument', 'only web links can open in a popup');
  // This page is web mode's window: the desktop host's 10 a minute hold here too (a reload starts afresh).
  webOpens.take('page');
  const target = options.target ?? '_blank';
  if (target === '_self' && !options.popup) {
    window.location.assign(url);
    return 'this tab';
  }
  const name = target === '_self' ? '_blank' : target;
  if (!options.popup) {
    // A plain link: the opened site gets no handle back into the app.
    openFromApp(url, name, 'noopener,noreferrer');
    return 'browser';
  }
  // A popup keeps its opener link only because closeInAppWebView needs a handle to close it (a browser lets a
  // page close only the windows it opened); the site in it, being cross-origin, cannot read the app.
  const opened = openFromApp(
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
