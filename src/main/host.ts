/**
 * Composes the Electron-free services into the handlers the contract names. The Electron entry and the web
 * host both build their host here and differ only in the ports they pass in.
 */
import path from 'node:path';
import type { AppInfo } from '../shared/contract.ts';
import { HostError } from '../shared/errors.ts';
import type { LoadOptions } from './auth/config/load.ts';
import { WallClockWatch } from './async.ts';
import { createSignIn, type SignInSetup } from './auth/create-sign-in.ts';
import type { FetchImpl } from './auth/providers/http.ts';
import type { Handlers } from './ipc/dispatcher.ts';
import type { Logger } from '../shared/logger.ts';
import { KeyFileProtector, type KeyProtector } from './vault/key-protector.ts';
import { TokenVault } from './vault/token-vault.ts';
import { windowHandlers } from './window/window-handlers.ts';
import { linkHandlers } from './links/link-handlers.ts';
import { OpenBudget } from '../shared/open-budget.ts';
import type { WindowPort } from './window/window-port.ts';
import { HostEvents } from './events.ts';
import { decrypt, decryptDetailed, encrypt } from './services/crypto/passphrase-encryption.ts';
import { SessionStorage } from './services/session-storage.ts';
import { AppSettings, type SettingsStorePort } from './settings/app-settings.ts';
import { ClientStorage, noDamage } from './services/storage/client-storage.ts';
import { LIMITS } from '../shared/limits.ts';
import { consoleSink, LineLog } from './log/line-log.ts';
import type { UpdateState } from '../shared/update-types.ts';
import { APP_IDENTITY } from '../shared/app-identity.ts';
import { APP_POLICY, type AppPolicy } from '../shared/app-policy.ts';
import { requirePolicy } from './app-policy-gate.ts';

export interface HostPorts {
  /** Window control, clipboard and links (Electron); absent in web mode. */
  window: WindowPort;
  /** Opens a URL in the system browser; resolves false where the host cannot (web mode: the page does it). */
  openExternal(url: string): Promise<boolean>;
  /** Brings the app window to the front (after a sign-in). */
  bringToFront(): void;
  /** The program the OS hands a URL to, '' when none (Electron's app.getApplicationNameForProtocol). */
  handlerName(url: string): string;
  /** The installed app's log folder and updates (Electron); absent in web mode. */
  shell: AppShellPort;
}

/** What only the installed desktop app has: a log folder to show and updates. */
export interface AppShellPort {
  openLogsFolder(): Promise<void>;
  /** null in a development build (updates are for the installed app). */
  updates: {
    readonly state: UpdateState;
    check(): Promise<UpdateState>;
    install(): Promise<boolean>;
  } | null;
}

const NO_UPDATES: UpdateState = { status: 'unsupported', reason: 'updates are for the installed app' };

export interface HostOptions {
  transport: AppInfo['transport'];
  version: string;
  dataDir: string;
  log?: Logger;
  /** Where sign-in providers come from (--providers, LATCHKEY_PROVIDERS, environment, --demo-idp). */
  providers?: LoadOptions;
  ports?: Partial<HostPorts>;
  /** Popups and external opens per window, shared with the Electron guards; default OPEN_RATE on `now`. */
  openBudget?: OpenBudget;
  /**
   * What protects remembered sign-ins. Default: a key file in the data directory (web mode). `null` defers
   * the vault: the Electron entry opens it with the OS keychain only after the first window is shown.
   */
  keyProtector?: KeyProtector | null;
  /** The host's clock in epoch milliseconds (default Date.now); tests of token expiry inject one that runs ahead. */
  now?: () => number;
  /**
   * How the host reaches sign-in providers: Electron's net.fetch in the desktop app (the system proxy, PAC
   * and certificate store, as in Chrome); in web mode a fetch that follows HTTPS_PROXY/NO_PROXY.
   */
  fetch?: FetchImpl;
  /** The app's private-use redirect scheme (desktop only: the OS hands such redirects to the app). */
  redirectScheme?: string;
  /** A deep link to the app for the browser's result page ("Return to the app"; desktop only). */
  returnToApp?: string;
  /** Where small settings live: electron-store in the desktop app; default `conf` in the data directory. */
  settings?: SettingsStorePort;
  /** What the page may have (README "App policy"); default the app's declaration, APP_POLICY. */
  policy?: AppPolicy;
}

export interface Host {
  handlers: Handlers;
  events: HostEvents;
  signIn: SignInSetup;
  /** The app's settings (loaded on first use in web mode: `conf` is not on the start-up path). */
  settings(): Promise<AppSettings>;
  /** Starts background work that must not delay start-up (provider metadata, the demo provider). */
  warmUp(): void;
  /** The machine woke or the screen was unlocked (Electron's powerMonitor): sessions look at expiry again. */
  wake(): void;
  /** Opens the token vault and restores remembered sign-ins (called by createHost unless deferred). */
  openVault(protector: KeyProtector): Promise<void>;
  /** A window closed or a web page went away. */
  clientClosed(clientId: string): void;
  /** A window was re-created (desktop: a style Electron fixes at creation): its page state moves to `to`. */
  clientReplaced(from: string, to: string): void;
  close(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  // Every line passes the one redaction step (log/redact.ts); web mode's lines go to stderr.
  const log = options.log ?? new LineLog(consoleSink);
  const events = new HostEvents();
  const session = new SessionStorage();
  const settingsError = (error: Error) => log.warn(`latchkey: settings: ${error.message}`);
  // The desktop app hands in electron-store, ready at once; web mode loads conf when the settings are first used.
  let loadedSettings = options.settings ? new AppSettings(options.settings, settingsError) : null;
  let loadingSettings: Promise<AppSettings> | null = null;
  const settings = (): Promise<AppSettings> =>
    loadedSettings
      ? Promise.resolve(loadedSettings)
      : (loadingSettings ??= import('./settings/conf-store.ts').then(
          (m) => (loadedSettings = new AppSettings(m.confSettingsStore(options.dataDir), settingsError)),
        ));

  // A store that cannot open (another process owns it, a disk error) must not stop the app: its methods
  // answer `unavailable` with the reason, and everything else works.
  let storageError: string | null = null;
  const storage = await ClientStorage.open({ dir: options.dataDir, log }).catch((error: unknown) => {
    storageError = error instanceof Error ? error.message : String(error);
    log.warn(`latchkey: client storage is unavailable: ${storageError}`);
    return null;
  });
  storage?.onChange((change) => events.emit('clientStorage.changed', change));
  const store = (): ClientStorage => {
    if (!storage)
      throw new HostError(
        'unavailable',
        `client storage is unavailable: ${storageError ?? 'unknown reason'}`,
      );
    return storage;
  };

  const signIn = await createSignIn(
    options.providers ?? {},
    {
      openExternal: options.ports?.openExternal ?? (async () => false),
      bringToFront: () => {
        options.ports?.bringToFront?.();
        events.emit('window.bringToFront', {});
      },
      emit: (name, payload) => events.emit(name, payload),
      now: options.now ?? Date.now,
      log,
      redirectScheme: options.redirectScheme,
      returnToApp: options.returnToApp,
    },
    { demoDataDir: path.join(options.dataDir, 'demo-idp'), fetch: options.fetch },
  );
  const auth = signIn.service;
  let vault: TokenVault | null = null;
  const openVault = async (protector: KeyProtector) => {
    if (vault) return;
    try {
      // The weak-protection choice matters only for the keychain (desktop), whose settings are loaded already.
      const preferences = loadedSettings ?? undefined;
      vault = await TokenVault.open({ dir: options.dataDir, protector, log, preferences });
    } catch (error) {
      log.warn(`latchkey: remembered sign-ins are unavailable: ${(error as Error).message}`);
      auth.vaultUnavailable((error as Error).message);
      return;
    }
    auth.attachVault(vault);
    await auth
      .restore()
      .catch((error: unknown) =>
        log.warn(`latchkey: restoring sign-ins failed: ${(error as Error).message}`),
      );
  };
  if (options.keyProtector !== null)
    await openVault(options.keyProtector ?? new KeyFileProtector(options.dataDir));

  const policy = options.policy ?? APP_POLICY;
  const handlers: Handlers = {
    'app.info': () => ({
      name: APP_IDENTITY.productName,
      version: options.version,
      transport: options.transport,
      platform: process.platform,
      policy,
    }),

    'session.set': (ctx, key, value) => session.set(ctx.clientId, key, value),
    'session.get': (ctx, key) => session.get(ctx.clientId, key),
    'session.containsKey': (ctx, key) => session.containsKey(ctx.clientId, key),
    'session.remove': (ctx, key) => session.remove(ctx.clientId, key),
    'session.getKeys': (ctx) => session.getKeys(ctx.clientId),
    'session.entries': (ctx) => session.entries(ctx.clientId),
    'session.clear': (ctx) => session.clear(ctx.clientId),

    'clientStorage.set': (_ctx, key, value) => store().set(key, value),
    'clientStorage.setMany': (_ctx, entries) => store().setMany(entries),
    'clientStorage.get': (_ctx, key) => store().get(key),
    'clientStorage.containsKey': (_ctx, key) => store().containsKey(key),
    'clientStorage.remove': (_ctx, key) => store().remove(key),
    'clientStorage.getKeys': (_ctx, prefix) => store().getKeys(prefix),
    'clientStorage.entries': (_ctx, prefix) => store().entries(prefix),
    'clientStorage.clear': () => store().clear(),
    'clientStorage.status': () => ({
      file: storage?.file ?? (storageError ? null : path.join(options.dataDir, 'client-storage.json')),
      keys: storage?.size ?? 0,
      recovered: storage?.recovered ?? [],
      damage: storage?.damage ?? noDamage(),
      usedBytes: storage?.usedBytes ?? 0,
      quotaBytes: storage?.quotaBytes ?? LIMITS.maxClientStorageBytes,
      error: storageError ?? storage?.lastError ?? null,
    }),

    'auth.providers': () => auth.overview(),
    'auth.signIn': (_ctx, id, opts) => auth.signIn(id, opts ?? {}),
    'auth.signInWithDevice': (_ctx, id, opts) => auth.signInWithDevice(id, opts ?? {}),
    'auth.cancel': (_ctx, id) => auth.cancel(id),
    'auth.completeWithAddress': (_ctx, id, address) => auth.completeWithAddress(id, address),
    'auth.refresh': (_ctx, id, opts) => auth.refresh(id, opts ?? {}),
    'auth.signOut': (_ctx, id, opts) => auth.signOut(id, opts ?? {}),
    'auth.getAccessToken': (_ctx, id, opts) => {
      requirePolicy(policy, 'auth.getAccessToken');
      return auth.accessToken(id, opts ?? {});
    },
    'auth.request': (_ctx, id, request, opts) => auth.request(id, request, opts ?? {}),
    'auth.setActiveAccount': (_ctx, id, accountId) => auth.setActiveAccount(id, accountId),
    'auth.vault': () => auth.vaultStatus(),
    'auth.forgetAll': () => auth.forgetAll(),
    'auth.setAllowWeakProtection': (_ctx, allow) => auth.setAllowWeakProtection(allow),
    // What the page may have of tokens is the app's choice (README "App policy").
    'auth.exportToken': (_ctx, id, opts) => {
      requirePolicy(policy, 'auth.exportToken');
      return auth.exportToken(id, opts ?? {});
    },
    'auth.importToken': (_ctx, id, json, opts) => {
      requirePolicy(policy, 'auth.importToken');
      return auth.importToken(id, json, opts ?? {});
    },

    ...windowHandlers(options.ports?.window ?? null, options.transport),
    ...linkHandlers({
      port: options.ports?.window ?? null,
      handlerName: options.ports?.handlerName,
      linkSchemes: policy.linkSchemes,
      budget: options.openBudget ?? new OpenBudget(options.now),
    }),

    'crypto.encrypt': (_ctx, plainText, passphrase, opts) =>
      encrypt(plainText, passphrase, opts?.iterations ? { iterations: opts.iterations } : {}),
    'crypto.decrypt': (_ctx, encrypted, passphrase, opts) => decrypt(encrypted, passphrase, opts?.iterations),
    'crypto.decryptDetailed': (_ctx, encrypted, passphrase, opts) =>
      decryptDetailed(encrypted, passphrase, opts?.iterations),
    'app.settings': async () => ({ lastArea: (await settings()).lastArea() }),
    'app.setLastArea': async (_ctx, area) => (await settings()).saveLastArea(area),
    // Only makes sessions look at their expiry again (a refresh only where one is due): harmless to call.
    'app.networkOnline': () => auth.wake(),
    'app.openLogsFolder': async () => {
      const shell = options.ports?.shell;
      if (!shell)
        throw new HostError('unsupported', 'web mode writes its log to the terminal it runs in (stderr)');
      await shell.openLogsFolder();
    },
    'update.state': () => options.ports?.shell?.updates?.state ?? NO_UPDATES,
    'update.check': () => options.ports?.shell?.updates?.check() ?? NO_UPDATES,
    'update.install': async () => (await options.ports?.shell?.updates?.install()) ?? false,
  };

  const clockWatch = new WallClockWatch(
    { now: options.now ?? Date.now, monotonic: () => performance.now() },
    () => auth.wake(),
  );

  return {
    handlers,
    events,
    signIn,
    settings,
    openVault,
    warmUp: () => {
      auth.prefetch();
      // A machine that slept, or a clock that was set, leaves timers late: look again when that happens.
      clockWatch.start();
    },
    wake: () => auth.wake(),
    clientClosed: (clientId) => session.drop(clientId),
    clientReplaced: (from, to) => session.move(from, to),
    close: async () => {
      events.emit('host.closing', { reason: 'the host is shutting down' });
      clockWatch.stop();
      await signIn.close();
      await vault?.close();
      await storage?.close();
    },
  };
}
