/** Guards applied once to every web contents the app ever creates (Electron security checklist 12-14). */
import { app, session, shell, type WebContents } from 'electron';
import type { OpenBudget } from '../../shared/open-budget.ts';
import { decideNavigation, decidePermission, decideWindowOpen } from '../security/url-policy.ts';
import { POPUP_PARTITION } from '../security/window-kinds.ts';
import { clientIdOf } from './ipc.ts';

/**
 * @param isPopup in-app popups (Flet's launch_url with popup) show other sites: they may follow http(s)
 * links inside themselves, but never open windows, browser tabs or get permissions.
 * @param budget the per-window open budget `link.open` also takes from: a page's own `window.open` and
 * link clicks that go to the system browser count against the same 10 a minute, and past it open nothing.
 */
export function installWebContentsGuards(
  appOrigins: readonly string[],
  isPopup: (contents: WebContents) => boolean,
  budget: OpenBudget,
): void {
  const openExternal = (contents: WebContents, url: string) => {
    if (budget.tryTake(clientIdOf(contents.id)).allowed) void shell.openExternal(url);
  };
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url, appOrigins, isPopup(contents));
      if (decision.allow) return;
      event.preventDefault();
      if (decision.openExternal) openExternal(contents, decision.openExternal);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url, isPopup(contents));
      if (decision.openExternal) openExternal(contents, decision.openExternal);
      return { action: decision.action };
    });
  });
  for (const s of [session.defaultSession, session.fromPartition(POPUP_PARTITION)]) {
    s.setPermissionRequestHandler((contents, permission, callback) => {
      callback(decidePermission(permission, contents.getURL()));
    });
    s.setPermissionCheckHandler((contents, permission) =>
      decidePermission(permission, contents?.getURL() ?? ''),
    );
  }
}
