/**
 * Links (Flet's `launch_url` / `can_launch_url`) and the clipboard. Which URLs may leave the app is the shared
 * rule (url-safety.ts) with the app policy's extra schemes; how many one window may open is the open budget.
 * With no window port (web mode) opening and the clipboard answer `unsupported`: the page uses the browser's
 * own features, and `link.canOpen` answers by the policy alone.
 */
import { APP_POLICY } from '../../shared/app-policy.ts';
import { HostError } from '../../shared/errors.ts';
import { isWebLink, linkProblem } from '../../shared/url-safety.ts';
import type { Handlers } from '../ipc/dispatcher.ts';
import type { OpenBudget } from '../../shared/open-budget.ts';
import type { WindowPort } from '../window/window-port.ts';

type LinkMethods = Pick<
  Handlers,
  'link.open' | 'link.canOpen' | 'link.closeInAppWebView' | 'clipboard.read' | 'clipboard.write'
>;

/** What links and the clipboard need from the windowing system (the Electron window manager). */
export type LinkPort = Pick<WindowPort, 'openUrl' | 'closeInAppWebView' | 'readClipboard' | 'writeClipboard'>;

export interface LinkSetup {
  port: LinkPort | null;
  /**
   * The program the OS would hand this URL to, '' when none (Electron's `app.getApplicationNameForProtocol`);
   * absent where the host cannot tell (web mode).
   */
  handlerName?: ((url: string) => string) | undefined;
  /** The app policy's extra schemes; default APP_POLICY.linkSchemes. */
  linkSchemes?: readonly string[] | undefined;
  budget: OpenBudget;
}

const IN_A_BROWSER = {
  clipboard: "in a browser the page uses the browser's own clipboard (navigator.clipboard)",
  link: 'in a browser the page opens links itself (window.open)',
};

export function linkHandlers(setup: LinkSetup): LinkMethods {
  const schemes = setup.linkSchemes ?? APP_POLICY.linkSchemes;
  const need = (area: keyof typeof IN_A_BROWSER): LinkPort => {
    if (!setup.port) throw new HostError('unsupported', `Not available here: ${IN_A_BROWSER[area]}.`);
    return setup.port;
  };
  return {
    // The person-behind-it check (transient user activation) happens in the preload, the one place page
    // script cannot fake it; the main process cannot see a renderer's activation.
    'clipboard.read': () => need('clipboard').readClipboard(),
    'clipboard.write': (_ctx, text) => need('clipboard').writeClipboard(text),
    'link.open': async (ctx, url, options) => {
      const problem = linkProblem(url, schemes);
      if (problem) throw new HostError('invalid_argument', problem.message, { path: '[0]' });
      if (options?.popup && !isWebLink(url))
        throw new HostError(
          'invalid_argument',
          `a ${url.slice(0, url.indexOf(':'))}: link cannot open in a popup (only web links can)`,
        );
      const port = need('link');
      setup.budget.take(ctx.clientId);
      return { openedIn: await port.openUrl(url, options ?? {}) };
    },
    'link.canOpen': (_ctx, url) => {
      if (linkProblem(url, schemes)) return false;
      return setup.handlerName ? setup.handlerName(url) !== '' : true;
    },
    'link.closeInAppWebView': () => need('link').closeInAppWebView(),
  };
}
