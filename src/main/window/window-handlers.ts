/**
 * Window handlers. With no window port (web mode) each answers `unsupported` with what a browser can do
 * instead; the renderer uses those browser features itself. Clipboard and links: src/main/links.
 */
import { HostError } from '../../shared/errors.ts';
import { WINDOW_PROPS, type WindowCapabilities, type WindowProps } from '../../shared/window-types.ts';
import type { Handlers } from '../ipc/dispatcher.ts';
import type { WindowPort } from './window-port.ts';

type WindowMethods = Pick<
  Handlers,
  | 'window.capabilities'
  | 'window.getState'
  | 'window.toFront'
  | 'window.minimize'
  | 'window.toggleMaximize'
  | 'window.close'
  | 'window.setBounds'
  | 'window.setAlwaysOnTop'
  | 'window.setBackgroundColor'
  | 'window.update'
  | 'window.center'
  | 'window.destroy'
  | 'window.openFloating'
  | 'window.closeFloating'
>;

const IN_A_BROWSER: Record<string, string> = {
  window:
    'a browser does not let a page control its window (position, size, always-on-top, floating); use the desktop app',
};

/** Why a browser cannot do each of Flet's window properties: web mode's answer names each one asked for. */
export const NOT_IN_A_BROWSER: Readonly<Record<keyof WindowProps, string>> = {
  opacity: "a page cannot change its window's opacity",
  minWidth: "a page cannot limit its window's size",
  minHeight: "a page cannot limit its window's size",
  maxWidth: "a page cannot limit its window's size",
  maxHeight: "a page cannot limit its window's size",
  resizable: 'a page cannot stop the user resizing its window',
  fullScreen:
    'the host cannot put the browser in full screen; the page can ask itself after a click (the Fullscreen API), or press F11',
  preventClose:
    'a page cannot keep its tab open; it can only ask the browser to confirm leaving (beforeunload)',
  skipTaskBar: 'a page cannot hide the browser from the taskbar',
  progressBar: "a page cannot show progress on the browser's taskbar icon",
  frameless: "a page cannot remove the browser's frame",
  titleBarHidden: "a page cannot hide the browser's title bar",
  transparent: "a page cannot make the browser's window transparent",
};

/** Web mode's answer to window.update: `unsupported`, naming each property asked for and why, path at the first. */
function unsupportedInBrowser(props: WindowProps): HostError {
  const asked = WINDOW_PROPS.filter((k) => props[k] !== undefined);
  if (asked.length === 0) return new HostError('unsupported', `Not available here: ${IN_A_BROWSER.window}.`);
  const why = asked.map((k) => `${k} (${NOT_IN_A_BROWSER[k]})`).join('; ');
  return new HostError('unsupported', `Not available in a browser: ${why}. The desktop app has them.`, {
    path: `[0].${asked[0]!}`,
  });
}

export function windowHandlers(port: WindowPort | null, transport: 'electron' | 'web'): WindowMethods {
  const need = (area: keyof typeof IN_A_BROWSER): WindowPort => {
    if (!port) throw new HostError('unsupported', `Not available here: ${IN_A_BROWSER[area]}.`);
    return port;
  };
  const capabilities: WindowCapabilities = {
    transport,
    windowControls: port !== null,
    floating: port !== null,
    alwaysOnTop: port !== null,
    clipboard: true,
    inAppPopups: true,
  };
  return {
    'window.capabilities': () => capabilities,
    'window.getState': (ctx) => need('window').state(ctx.clientId),
    'window.toFront': (ctx) => need('window').toFront(ctx.clientId),
    'window.minimize': (ctx) => need('window').minimize(ctx.clientId),
    'window.toggleMaximize': (ctx) => {
      need('window').toggleMaximize(ctx.clientId);
      return need('window').state(ctx.clientId);
    },
    'window.close': (ctx) => need('window').close(ctx.clientId),
    'window.setBounds': (ctx, bounds) => {
      need('window').setBounds(ctx.clientId, bounds);
      return need('window').state(ctx.clientId);
    },
    'window.setAlwaysOnTop': (ctx, on) => {
      need('window').setAlwaysOnTop(ctx.clientId, on);
      return need('window').state(ctx.clientId);
    },
    'window.setBackgroundColor': (ctx, color) => {
      need('window').setBackgroundColor(ctx.clientId, color);
      return need('window').state(ctx.clientId);
    },
    'window.update': (ctx, props) => {
      if (!port) throw unsupportedInBrowser(props);
      return port.update(ctx.clientId, props);
    },
    'window.center': (ctx) => {
      need('window').center(ctx.clientId);
      return need('window').state(ctx.clientId);
    },
    'window.destroy': (ctx) => need('window').destroy(ctx.clientId),
    'window.openFloating': (_ctx, options) => need('window').openFloating(options ?? {}),
    'window.closeFloating': () => need('window').closeFloating(),
  };
}
