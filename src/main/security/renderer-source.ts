/**
 * Where the desktop app loads its page from, and which origins may use the host API. In development
 * electron-vite sets ELECTRON_RENDERER_URL to its dev server; in a packaged app that switch is dead, since
 * anyone who can set an environment variable for the app could otherwise point the window, and the full
 * host API (tokens included), at a page of their own.
 */
import { isLoopbackHost } from '../../shared/loopback.ts';
import { APP_ORIGIN } from './url-policy.ts';

export interface RendererSource {
  /** The URL the main window loads. */
  appUrl: string;
  /** Origins trusted as IPC senders and as in-app navigation targets. */
  origins: string[];
}

export function rendererSource(input: {
  isPackaged: boolean;
  env: Record<string, string | undefined>;
}): RendererSource {
  const packaged: RendererSource = { appUrl: `${APP_ORIGIN}/index.html`, origins: [APP_ORIGIN] };
  const dev = input.env.ELECTRON_RENDERER_URL;
  if (input.isPackaged || !dev) return packaged;
  let url: URL;
  try {
    url = new URL(dev);
  } catch {
    return packaged;
  }
  // A dev server is on this machine; anything else is not a development switch.
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return packaged;
  return { appUrl: url.href, origins: [APP_ORIGIN, url.origin] };
}
