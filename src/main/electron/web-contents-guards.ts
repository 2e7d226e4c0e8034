/** Guards applied once to every web contents the app ever creates (Electron security checklist 12-14). */
import { app, session, shell, type WebContents } from 'electron';
import { decideNavigation, decidePermission, decideWindowOpen } from '../security/url-policy.ts';
import { POPUP_PARTITION } from '../security/window-kinds.ts';

/**
 * @param isPopup in-app popups (Flet's launch_url with popup) show other sites: they may follow http(s)
 * links inside themselves, but still never open windows or get permissions.
 */
export function installWebContentsGuards(
  appOrigins: readonly string[],
  isPopup: (contents: WebContents) => boolean,
): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url, appOrigins, isPopup(contents));
      if (decision.allow) return;
      event.preventDefault();
      if (decision.openExternal) void shell.openExternal(decision.openExternal);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url);
      if (decision.openExternal) void shell.openExternal(decision.openExternal);
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
