/**
 * The app's updates over electron-updater: one state (UpdateState) that the About area, the menus and the
 * tray show, moved by the updater's events. Electron-free: the desktop entry hands in a loader for
 * electron-updater's `autoUpdater` (imported only when the first check runs, never on the way to the first
 * window); the tests hand in electron-updater's own updater classes with an app adapter, against a local feed.
 *
 * Policy, said here once: downloads start on their own once an update is found; downgrades are refused
 * (`allowDowngrade = false`: a feed that offers an older version is "up to date"); electron-updater checks
 * the download against the sha512 the feed published before it may be installed; a ready update installs on
 * "Restart to update" or when the app quits.
 */
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { UpdateState } from '../../shared/update-types.ts';
import type { Logger } from '../../shared/logger.ts';
import { describeUpdateError } from './update-errors.ts';

/** The first background check waits this long after start-up; then one every UPDATE_INTERVAL_MS. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const UPDATE_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateControllerOptions {
  /** Loads and returns the updater (lazily; called once). */
  load: () => Promise<AppUpdater>;
  onChange?: (state: UpdateState) => void;
  log: Logger & { info?(...args: unknown[]): void };
  now?: () => number;
}

export class UpdateController {
  readonly #options: UpdateControllerOptions;
  #state: UpdateState = { status: 'idle' };
  #updater: Promise<AppUpdater> | null = null;
  #checking: Promise<UpdateState> | null = null;

  constructor(options: UpdateControllerOptions) {
    this.#options = options;
  }

  get state(): UpdateState {
    return this.#state;
  }

  /**
   * Checks the feed and, when there is a newer version, downloads it; resolves with the state it ended in.
   * One check at a time (callers share it); a download already done is not repeated.
   */
  check(): Promise<UpdateState> {
    if (this.#state.status === 'ready') return Promise.resolve(this.#state);
    return (this.#checking ??= this.#check().finally(() => (this.#checking = null)));
  }

  /** Quits and installs a ready update; false when there is none. */
  async install(): Promise<boolean> {
    if (this.#state.status !== 'ready' || !this.#updater) return false;
    (await this.#updater).quitAndInstall(false, true);
    return true;
  }

  /** The background checks: the first after `firstMs`, then every `everyMs`. Returns a stop function. */
  schedule(firstMs = FIRST_CHECK_DELAY_MS, everyMs = UPDATE_INTERVAL_MS): () => void {
    let timer: NodeJS.Timeout;
    const run = (ms: number) => {
      timer = setTimeout(() => {
        void this.check().finally(() => run(everyMs));
      }, ms);
      timer.unref();
    };
    run(firstMs);
    return () => clearTimeout(timer);
  }

  async #check(): Promise<UpdateState> {
    try {
      const updater = await (this.#updater ??= this.#load());
      this.#set({ status: 'checking' });
      const result = await updater.checkForUpdates();
      if (!result) this.#set({ status: 'unsupported', reason: 'updates are for the installed app' });
      else if (result.downloadPromise) await result.downloadPromise;
      else if (this.#state.status === 'checking')
        this.#set({ status: 'upToDate', checkedAt: this.#now(), feedVersion: result.updateInfo.version });
    } catch (error) {
      this.#fail(error);
    }
    return this.#state;
  }

  async #load(): Promise<AppUpdater> {
    const updater = await this.#options.load();
    const log = this.#options.log;
    updater.logger = {
      info: (...a: unknown[]) => log.info?.('electron-updater:', ...a),
      warn: (...a: unknown[]) => log.warn('electron-updater:', ...a),
      error: (...a: unknown[]) => log.error('electron-updater:', ...a),
    };
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.allowDowngrade = false;
    updater.on('update-available', (info: UpdateInfo) =>
      this.#set({ status: 'downloading', version: info.version, percent: 0, transferred: 0, total: 0 }),
    );
    updater.on('download-progress', (p: ProgressInfo) => {
      const version = this.#state.status === 'downloading' ? this.#state.version : '';
      this.#set({
        status: 'downloading',
        version,
        percent: Math.floor(p.percent),
        transferred: p.transferred,
        total: p.total,
      });
    });
    updater.on('update-downloaded', (info: UpdateInfo) =>
      this.#set({ status: 'ready', version: info.version }),
    );
    updater.on('update-not-available', (info: UpdateInfo) =>
      this.#set({ status: 'upToDate', checkedAt: this.#now(), feedVersion: info.version }),
    );
    updater.on('error', (error: Error) => this.#fail(error));
    return updater;
  }

  #fail(error: unknown): void {
    const { kind, message } = describeUpdateError(error);
    if (this.#state.status !== 'error') {
      // The updater's own text may name the feed's URL: it goes through the log's redaction, not to the UI.
      this.#options.log.warn(
        `latchkey: update check failed (${kind}):`,
        error instanceof Error ? error.message : error,
      );
    }
    this.#set({ status: 'error', kind, message });
  }

  #set(state: UpdateState): void {
    this.#state = state;
    this.#options.onChange?.(state);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
