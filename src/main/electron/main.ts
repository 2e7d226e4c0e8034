/**
 * The Electron entry: composes the Electron-free host with Electron's adapters. Kept thin on purpose; every
 * decision it applies is a tested pure function elsewhere.
 */
import { app, crashReporter, dialog, net, powerMonitor, shell } from 'electron';
import ElectronStore from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_IDENTITY } from '../../shared/app-identity.ts';
import { IPC_EVENT_CHANNEL } from '../../shared/contract-names.ts';
import { parseAppArgs } from '../app-args.ts';
import { refuseBadDataFolder } from '../data-folder.ts';
import { createHost } from '../host.ts';
import { createDispatcher } from '../ipc/dispatcher.ts';
import { OpenBudget } from '../../shared/open-budget.ts';
import { rendererSource } from '../security/renderer-source.ts';
import { isSafeExternalUrl } from '../security/url-policy.ts';
import type { SettingsStorePort } from '../settings/app-settings.ts';
import { openSettingsStore } from '../settings/fallback-store.ts';
import { consoleSink, LineLog } from '../log/line-log.ts';
import { UpdateController } from '../update/update-controller.ts';
import { AppShell } from './app-shell.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { bringToFront } from './bring-to-front.ts';
import { builtPaths } from './built-paths.ts';
import { bindIpc, clientIdOf } from './ipc.ts';
import { DeepLinkRouter, deepLinkInArgv, loggableLink } from './deep-links.ts';
import { openLogFile } from './log-file.ts';
import { closeWithin } from './quit.ts';
import { SafeStorageProtector } from './safe-storage-protector.ts';
import { installWebContentsGuards } from './web-contents-guards.ts';
import { WindowManager } from './window-manager.ts';

/** How long quitting waits for the host to flush storage and the vault. */
export const QUIT_TIMEOUT_MS = 3000;

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const paths = builtPaths(mainDir);
// Development switches (electron-vite's dev server) are dead in a packaged app.
const source = rendererSource({ isPackaged: app.isPackaged, env: process.env });

/**
 * The app's log: every line redacted once (log/redact.ts), to the console at once and to the log file in
 * `app.getPath('logs')` once it is opened after the first window shows (lines before that are kept).
 */
export const log = new LineLog(consoleSink);

/**
 * Sign-in redirects to the app's own scheme (`<app id>:/callback/<provider>`, RFC 8252 section 7.1). One that
 * arrives before the host is up (macOS can send `open-url` before ready) waits until it is.
 */
let deliverRedirect: ((url: string) => void) | null = null;
const earlyRedirects: string[] = [];
const isSignInRedirect = (url: string) => url.toLowerCase().startsWith(`${APP_IDENTITY.appId}:`);
function receiveRedirect(url: string): void {
  if (deliverRedirect) deliverRedirect(url);
  else if (earlyRedirects.length < 4) earlyRedirects.push(url);
}

/** Deep links (`latchkey://open/storage`); the sign-in sets its redirect hook with `links.onAuthRedirect`. */
export const links = new DeepLinkRouter(APP_IDENTITY.scheme, log);

/** Resolves when the app has started (or at once in a second instance, which quits). */
export const started: Promise<void> = (() => {
  // Single instance first, before anything else touches Electron: a second launch only focuses the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  // Minidumps stay on this machine unless the identity names a server (README "Logs and crash reports").
  const submitURL = APP_IDENTITY.crashReportSubmitUrl;
  crashReporter.start(submitURL ? { submitURL, uploadToServer: true } : { uploadToServer: false });
  // macOS delivers links here, before ready when a link launches the app: the router queues those.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (isSignInRedirect(url)) receiveRedirect(url);
    else links.receive(url);
  });
  // A development build would register the bare Electron binary as the scheme's handler: packaged only.
  if (app.isPackaged) {
    app.setAsDefaultProtocolClient(APP_IDENTITY.scheme);
    // Sign-in redirects for providers set to "redirect": "scheme" (RFC 8252 section 7.1: reverse DNS).
    app.setAsDefaultProtocolClient(APP_IDENTITY.appId);
  }
  // Privileged schemes must be registered before the app is ready.
  registerAppScheme();
  return start().catch(failedStart);
})();

/**
 * Start-up never rejects: whatever failed, the person is told in plain words (with the detail for a bug
 * report), the single-instance lock is released so the next launch starts afresh, and the app exits 1 instead
 * of lingering with no window.
 */
function failedStart(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  log.error(`latchkey: start-up failed: ${error instanceof Error ? (error.stack ?? detail) : detail}`);
  try {
    dialog.showErrorBox(
      `${APP_IDENTITY.productName} could not start`,
      `Something went wrong while ${APP_IDENTITY.productName} was starting. Please open it again; if this keeps happening, report it with the detail below.\n\nTechnical detail: ${detail}`,
    );
  } finally {
    app.releaseSingleInstanceLock();
    app.exit(1);
  }
}

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
  // One budget per window for link.open and the page's own window.open / external links (README "Links").
  const opens = new OpenBudget();
  installWebContentsGuards(
    source.origins,
    (contents) => windows?.popupContents.has(contents.id) ?? false,
    opens,
  );
  serveRenderer(paths.renderer);

  // Host events go to the app's own windows only, never to popups showing other sites.
  const emit: ConstructorParameters<typeof WindowManager>[0]['emit'] = (name, payload, target) => {
    for (const win of windows?.appWindows() ?? []) {
      if (target === 'all' || target.clientId === clientIdOf(win.webContents.id))
        win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  };
  const closedClients: Array<(clientId: string) => void> = [];
  const replacedClients: Array<(from: string, to: string) => void> = [];
  // An unreadable settings file (a folder, no permission) gives defaults and a note, never a failed start.
  const { store: settingsStore } = openSettingsStore(
    () =>
      new ElectronStore<Record<string, unknown>>({
        name: 'settings',
        clearInvalidConfig: true,
        configFileMode: 0o600,
      }) as SettingsStorePort,
    path.join(app.getPath('userData'), 'settings.json'),
    (message) => log.warn(message),
  );

  const wm = new WindowManager({
    preloadPath: paths.preload,
    appUrl: source.appUrl,
    emit,
    onClosed: (clientId) => closedClients.forEach((f) => f(clientId)),
    onReplaced: (from, to) => replacedClients.forEach((f) => f(from, to)),
  });
  windows = wm;

  // Updates only in the installed app; electron-updater is imported when the first check runs.
  let shellUi: AppShell | null = null;
  const updates = app.isPackaged
    ? new UpdateController({
        load: async () => (await import('electron-updater')).default.autoUpdater,
        onChange: (state) => {
          host.events.emit('update.changed', state);
          shellUi?.refresh();
        },
        log,
      })
    : null;
  const logsDir = app.getPath('logs');
  log.info(
    `latchkey ${app.getVersion()} started (${process.platform}, Electron ${process.versions.electron ?? '?'})`,
  );

  const host = await createHost({
    log,
    transport: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    providers: { file: args.providers, forceDemo: args.demoIdp },
    settings: settingsStore,
    // Chromium's network stack: the system proxy, PAC files, proxy sign-in prompts and the OS certificate
    // store apply to every provider request, as they do in Chrome.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
    redirectScheme: APP_IDENTITY.appId,
    // Only where the scheme is registered with the OS (a packaged app): else the link would go nowhere.
    ...(app.isPackaged ? { returnToApp: `${APP_IDENTITY.scheme}://open/signin` } : {}),
    // The keychain can block or prompt: never on the path to the first window (opened below, after it shows).
    keyProtector: null,
    openBudget: opens,
    ports: {
      handlerName: (url) => app.getApplicationNameForProtocol(url),
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
      shell: {
        openLogsFolder: () => shellUi!.openLogsFolder(),
        updates,
      },
    },
  });
  wm.useSettings(await host.settings());
  host.events.attach(emit);
  closedClients.push((clientId) => host.clientClosed(clientId));
  replacedClients.push((from, to) => host.clientReplaced(from, to));
  bindIpc(createDispatcher(host.handlers, log), source.origins, log);
  const ui = new AppShell({
    productName: APP_IDENTITY.productName,
    wm,
    host,
    updates,
    logsDir,
    trayIcon: trayIconPath,
    log,
  });
  shellUi = ui;
  ui.installMenu();
  wm.onFloating((win) => {
    if (win) ui.attachFloating(win);
    ui.refresh();
  });
  host.events.attach((name) => {
    if (name === 'auth.signedIn' || name === 'auth.signedOut' || name === 'auth.changed') ui.refresh();
  });

  const first = wm.createMain(!args.floating);
  if (args.floating) wm.openFloating({});
  first.once('ready-to-show', () =>
    setImmediate(() => {
      host.warmUp();
      // After a sleep the machine's timers are late: every session looks at its expiry again.
      powerMonitor.on('resume', () => host.wake());
      powerMonitor.on('unlock-screen', () => host.wake());
      void host.openVault(new SafeStorageProtector(app.getPath('userData')));
      void openLogFile(logsDir).then(
        (sink) => log.attach(sink),
        (error: unknown) => log.warn(`latchkey: no log file: ${(error as Error).message}`),
      );
      ui.createTray();
      updates?.schedule();
    }),
  );
  links.ready({ openArea: (area) => void ui.showArea(area) });
  // Windows and Linux: a link that launched the app is on its command line.
  const launchLink = deepLinkInArgv(process.argv, APP_IDENTITY.scheme);
  if (launchLink) links.receive(launchLink);
  deliverRedirect = (url) => {
    if (!host.signIn.service.deliverRedirect(url))
      log.warn(`latchkey: sign-in redirect ignored (no sign-in is waiting for it): ${loggableLink(url)}`);
  };
  links.onAuthRedirect(deliverRedirect);
  for (const url of earlyRedirects.splice(0)) deliverRedirect(url);

  app.on('second-instance', (_event, argv) => {
    const target = wm.floating ?? wm.main ?? wm.createMain();
    bringToFront(target);
    // Windows and Linux deliver a deep link as the second instance's argument.
    const link = deepLinkInArgv(argv, APP_IDENTITY.scheme);
    if (link) links.receive(link);
    const redirect = deepLinkInArgv(argv, APP_IDENTITY.appId);
    if (redirect) receiveRedirect(redirect);
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
    flushing ??= closeWithin(host.close(), QUIT_TIMEOUT_MS, log).then(() => {
      flushed = true;
      app.quit();
    });
  });
}

/** The tray's PNG: in the package's resources (electron-builder `extraResources`), or the repository's assets. */
function trayIconPath(): string {
  const name = process.platform === 'darwin' ? '16x16.png' : '32x32.png';
  return app.isPackaged
    ? path.join(process.resourcesPath ?? mainDir, 'icons', name)
    : path.join(mainDir, '..', '..', 'assets', 'icons', name);
}
