/**
 * The Electron entry: composes the Electron-free host with Electron's adapters. Kept thin on purpose; every
 * decision it applies is a tested pure function elsewhere.
 */
import { app, BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT_CHANNEL } from '../../shared/contract.ts';
import { parseAppArgs } from '../app-args.ts';
import { createHost } from '../host.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import { APP_ORIGIN, isSafeExternalUrl } from '../security/url-policy.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { bringToFront } from './bring-to-front.ts';
import { bindIpc, clientIdOf } from './ipc.ts';
import { SafeStorageProtector } from './safe-storage-protector.ts';
import { installWebContentsGuards } from './web-contents-guards.ts';
import { WindowManager } from './window-manager.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

registerAppScheme();

// Single instance: a second launch focuses the running window instead of starting another app.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const args = parseAppArgs(process.argv);
  let windows: WindowManager | null = null;
  installWebContentsGuards(appOrigins, (contents) => windows?.popupContents.has(contents.id) ?? false);
  serveRenderer(path.join(here, '../renderer'));

  // Forward host events to the window they are for (or to all).
  const emit: ConstructorParameters<typeof WindowManager>[0]['emit'] = (name, payload, target) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (win.isDestroyed()) continue;
      if (target === 'all' || target.clientId === clientIdOf(win.webContents.id))
        win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  };
  const closedClients: Array<(clientId: string) => void> = [];
  windows = new WindowManager({
    preloadPath: path.join(here, '../preload/index.cjs'),
    appUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    emit,
    onClosed: (clientId) => closedClients.forEach((f) => f(clientId)),
  });
  const wm = windows;

  const host = await createHost({
    transport: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    providers: { file: args.providers, forceDemo: args.demoIdp },
    // The keychain can block or prompt: never on the path to the first window (opened below, after it shows).
    keyProtector: null,
    ports: {
      // Only after URL parsing, and only web links: never file:, custom schemes or credentials in URLs.
      openExternal: async (url) =>
        isSafeExternalUrl(url, ['https:', 'http:']) &&
        (await shell.openExternal(url).then(
          () => true,
          () => false,
        )),
      bringToFront: () => {
        const target = wm.floating ?? wm.main;
        if (target) bringToFront(target);
      },
      window: wm,
    },
  });
  host.events.attach(emit);
  closedClients.push((clientId) => host.clientClosed(clientId));
  bindIpc(createDispatcher(host.handlers), appOrigins);

  const first = wm.createMain(!args.floating);
  if (args.floating) wm.openFloating({});
  first.once('ready-to-show', () =>
    setImmediate(() => {
      host.warmUp();
      void host.openVault(new SafeStorageProtector());
    }),
  );

  app.on('second-instance', () => {
    const target = wm.floating ?? wm.main ?? wm.createMain();
    bringToFront(target);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) wm.createMain();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void host.close());
}
