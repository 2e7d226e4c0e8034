/**
 * The Electron entry: composes the Electron-free host with Electron's adapters. Kept thin on purpose; every
 * decision it applies is a tested pure function elsewhere.
 */
import { app, dialog, net, shell } from 'electron';
import ElectronStore from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT_CHANNEL } from '../../shared/contract-names.ts';
import { parseAppArgs } from '../app-args.ts';
import { refuseBadDataFolder } from '../data-folder.ts';
import { createHost } from '../host.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import { rendererSource } from '../security/renderer-source.ts';
import { isSafeExternalUrl } from '../security/url-policy.ts';
import type { SettingsStorePort } from '../settings/app-settings.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { bringToFront } from './bring-to-front.ts';
import { builtPaths } from './built-paths.ts';
import { bindIpc, clientIdOf } from './ipc.ts';
import { closeWithin } from './quit.ts';
import { SafeStorageProtector } from './safe-storage-protector.ts';
import { installWebContentsGuards } from './web-contents-guards.ts';
import { WindowManager } from './window-manager.ts';

/** How long quitting waits for the host to flush storage and the vault. */
export const QUIT_TIMEOUT_MS = 3000;

const paths = builtPaths(path.dirname(fileURLToPath(import.meta.url)));
// Development switches (electron-vite's dev server) are dead in a packaged app.
const source = rendererSource({ isPackaged: app.isPackaged, env: process.env });

/** Resolves when the app has started (or at once in a second instance, which quits). */
export const started: Promise<void> = (() => {
  // Single instance first, before anything else touches Electron: a second launch only focuses the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  // Privileged schemes must be registered before the app is ready.
  registerAppScheme();
  return start();
})();

async function start(): Promise<void> {
  await app.whenReady();
  // A data folder that cannot work stops here, with one dialog naming it and the fix, and exit 1 (data-folder.ts).
  if (
    refuseBadDataFolder(app.getPath('userData'), {
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      exit: (code) => app.exit(code),
    })
  )
    return;
  const args = parseAppArgs(process.argv);
  let windows: WindowManager | null = null;
  installWebContentsGuards(source.origins, (contents) => windows?.popupContents.has(contents.id) ?? false);
  serveRenderer(paths.renderer);

  // Host events go to the app's own windows only, never to popups showing other sites.
  const emit: ConstructorParameters<typeof WindowManager>[0]['emit'] = (name, payload, target) => {
    for (const win of windows?.appWindows() ?? []) {
      if (target === 'all' || target.clientId === clientIdOf(win.webContents.id))
        win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  };
  const closedClients: Array<(clientId: string) => void> = [];
  const settingsStore = new ElectronStore<Record<string, unknown>>({
    name: 'settings',
    clearInvalidConfig: true,
    configFileMode: 0o600,
  }) as SettingsStorePort;

  const wm = new WindowManager({
    preloadPath: paths.preload,
    appUrl: source.appUrl,
    emit,
    onClosed: (clientId) => closedClients.forEach((f) => f(clientId)),
  });
  windows = wm;

  const host = await createHost({
    transport: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    providers: { file: args.providers, forceDemo: args.demoIdp },
    settings: settingsStore,
    // Chromium's network stack: the system proxy, PAC files, proxy sign-in prompts and the OS certificate
    // store apply to every provider request, as they do in Chrome.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
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
  wm.useSettings(await host.settings());
  host.events.attach(emit);
  closedClients.push((clientId) => host.clientClosed(clientId));
  bindIpc(createDispatcher(host.handlers), source.origins);

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
    if (wm.appWindows().length === 0) wm.createMain();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // A signal (logout, `kill`) quits the normal way, so the flush below runs. `on`, not `once`: electron-store's
  // atomic-write helper re-raises the signal it sees, which would otherwise kill the app mid-flush.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  // Quit only after the host has flushed client storage and the vault (bounded, so quitting never hangs).
  let flushed = false;
  let flushing: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    wm.quitting = true;
    if (flushed) return;
    event.preventDefault();
    flushing ??= closeWithin(host.close(), QUIT_TIMEOUT_MS, console).then(() => {
      flushed = true;
      app.quit();
    });
  });
}
