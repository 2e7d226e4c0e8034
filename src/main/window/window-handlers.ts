/**
 * Window, clipboard and link handlers. With no window port (web mode) each answers `unsupported` with what a
 * browser can do instead; the renderer uses those browser features itself.
 */
import { HostError } from '../../shared/errors.ts';
import { isSafeExternalUrl } from '../../shared/url-safety.ts';
import type { WindowCapabilities } from '../../shared/window-types.ts';
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
  | 'window.openFloating'
  | 'window.closeFloating'
  | 'clipboard.read'
  | 'clipboard.write'
  | 'link.open'
  | 'link.closeInAppWebView'
>;

const IN_A_BROWSER: Record<string, string> = {
  window:
    'a browser does not let a page control its window (position, size, always-on-top, floating); use the desktop app',
  clipboard: "in a browser the page uses the browser's own clipboard (navigator.clipboard)",
  link: 'in a browser the page opens links itself (window.open)',
};

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
    'window.openFloating': (_ctx, bounds) => need('window').openFloating(bounds ?? {}),
    'window.closeFloating': () => need('window').closeFloating(),
    'clipboard.read': () => need('clipboard').readClipboard(),
    'clipboard.write': (_ctx, text) => need('clipboard').writeClipboard(text),
    'link.open': async (_ctx, url, options) => {
      if (!isSafeExternalUrl(url)) {
        throw new HostError('invalid_argument', 'only http, https and mailto links can be opened', {
          path: '[0]',
        });
      }
      const p = need('link');
      if (options?.popup && url.startsWith('mailto:'))
        throw new HostError('invalid_argument', 'a mailto link cannot open in a popup');
      return { openedIn: await p.openUrl(url, options ?? {}) };
    },
    'link.closeInAppWebView': () => need('link').closeInAppWebView(),
  };
}
