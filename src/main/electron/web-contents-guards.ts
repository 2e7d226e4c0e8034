/** Guards applied once to every web contents the app ever creates (Electron security checklist 12-14). */
import { app, session, shell, type WebContents } from 'electron';
import { decideNavigation, decidePermission, decideWindowOpen } from '../security/url-policy.ts';

export function installWebContentsGuards(appOrigins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      const decision = decideNavigation(url, appOrigins);
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
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(decidePermission(permission, contents.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler((contents, permission) =>
    decidePermission(permission, contents?.getURL() ?? ''),
  );
}
