/**
 * The Electron entry: composes the Electron-free host with Electron's adapters. Kept thin on purpose; every
 * decision it applies is a tested pure function elsewhere.
 */
import { app, BrowserWindow, nativeTheme, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT_CHANNEL } from '../../shared/contract.ts';
import { parseAppArgs } from '../app-args.ts';
import { createHost } from '../host.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import { mainWindowOptions } from '../security/window-options.ts';
import { APP_ORIGIN, isSafeExternalUrl } from '../security/url-policy.ts';
import { bringToFront } from './bring-to-front.ts';
import { SafeStorageProtector } from './safe-storage-protector.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { bindIpc, clientIdOf } from './ipc.ts';
import { installWebContentsGuards } from './web-contents-guards.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  installWebContentsGuards(appOrigins);
  serveRenderer(path.join(here, '../renderer'));
  const args = parseAppArgs(process.argv);
  let mainWindow: BrowserWindow | null = null;
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
        if (mainWindow) bringToFront(mainWindow);
      },
    },
  });
  bindIpc(createDispatcher(host.handlers), appOrigins);

  const windows = new Set<BrowserWindow>();
  host.events.attach((name, payload, target) => {
    for (const win of windows) {
      if (target === 'all' || target.clientId === clientIdOf(win.webContents.id)) {
        win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
      }
    }
  });

  const createMainWindow = (): BrowserWindow => {
    const win = new BrowserWindow(
      mainWindowOptions({
        preloadPath: path.join(here, '../preload/index.cjs'),
        darkBackground: nativeTheme.shouldUseDarkColors,
      }),
    );
    const clientId = clientIdOf(win.webContents.id);
    windows.add(win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      windows.delete(win);
      host.clientClosed(clientId);
    });
    void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
    return win;
  };

  mainWindow = createMainWindow();
  mainWindow.once('show', () => setImmediate(() => void host.openVault(new SafeStorageProtector())));
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow();
    bringToFront(mainWindow);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void host.close());
}
