/**
 * The app's windows (main, floating, in-app popups) and the WindowPort the host uses. Every decision it
 * applies (options, URL safety) is a pure function elsewhere; this file only calls Electron.
 */
import { BrowserWindow, clipboard, nativeTheme, screen, shell } from 'electron';
import { HostError } from '../../shared/errors.ts';
import type { OpenUrlOptions, WindowBounds, WindowState } from '../../shared/window-types.ts';
import type { EventSink } from '../events.ts';
import type { AppSettings, WindowKind } from '../settings/app-settings.ts';
import { placeOnScreen } from '../window/on-screen.ts';
import { isSafeExternalUrl } from '../security/url-policy.ts';
import { floatingWindowOptions, popupName, popupWindowOptions } from '../security/window-kinds.ts';
import { mainWindowOptions } from '../security/window-options.ts';
import type { WindowPort } from '../window/window-port.ts';
import { bringToFront } from './bring-to-front.ts';
import { clientIdOf } from './ipc.ts';

export class WindowManager implements WindowPort {
  readonly #preload: string;
  readonly #appUrl: string;
  readonly #emit: EventSink;
  readonly #onClosed: (clientId: string) => void;
  #settings: AppSettings | null;
  /** The app's own windows (main, floating): the only ones that get the preload and host events. */
  readonly #windows = new Map<string, BrowserWindow>();
  readonly #popups = new Map<string, BrowserWindow>();
  readonly popupContents = new Set<number>();
  main: BrowserWindow | null = null;
  floating: BrowserWindow | null = null;
  /** Set once the app is quitting: closing windows then must not bring others back. */
  quitting = false;
  readonly #floatingListeners: Array<(win: BrowserWindow | null) => void> = [];

  constructor(options: {
    preloadPath: string;
    appUrl: string;
    emit: EventSink;
    onClosed: (clientId: string) => void;
  }) {
    this.#preload = options.preloadPath;
    this.#appUrl = options.appUrl;
    this.#emit = options.emit;
    this.#onClosed = options.onClosed;
    this.#settings = null;
  }

  /** The settings arrive with the host, which needs this manager first; set before the first window. */
  useSettings(settings: AppSettings): void {
    this.#settings = settings;
  }

  /** Called with the floating window when it opens and with null when it closes (menus, tray). */
  onFloating(listener: (win: BrowserWindow | null) => void): void {
    this.#floatingListeners.push(listener);
  }

  /** The app's own windows, for host events: never popups showing other sites. */
  appWindows(): BrowserWindow[] {
    return [...this.#windows.values()].filter((w) => !w.isDestroyed());
  }

  /** Where a window of this kind was last, pulled back onto a current display if it is off every one. */
  #savedBounds(kind: WindowKind): WindowBounds | undefined {
    const saved = this.#settings?.windowBounds(kind);
    if (!saved) return undefined;
    const displays = screen.getAllDisplays().map(({ workArea: a }) => ({
      left: a.x,
      top: a.y,
      width: a.width,
      height: a.height,
    }));
    return placeOnScreen(saved, displays);
  }

  /** Remembers where the user put the window and whether it stayed on top. */
  #remember(win: BrowserWindow, kind: WindowKind): void {
    if (!this.#settings) return;
    const settings = this.#settings;
    win.on('close', () => {
      const b = win.isMaximized() || win.isMinimized() ? win.getNormalBounds() : win.getBounds();
      settings.saveWindowBounds(kind, { left: b.x, top: b.y, width: b.width, height: b.height });
    });
    win.on('always-on-top-changed', (_event, on: boolean) => settings.saveAlwaysOnTop(kind, on));
  }

  #track(win: BrowserWindow): string {
    const clientId = clientIdOf(win.webContents.id);
    this.#windows.set(clientId, win);
    const push = () => {
      if (!win.isDestroyed()) this.#emit('window.state', this.state(clientId), { clientId });
    };
    for (const e of [
      'focus',
      'blur',
      'maximize',
      'unmaximize',
      'minimize',
      'restore',
      'moved',
      'resized',
      'always-on-top-changed',
    ] as const) {
      win.on(e as 'focus', push);
    }
    win.on('closed', () => {
      this.#windows.delete(clientId);
      this.#onClosed(clientId);
    });
    return clientId;
  }

  #win(clientId: string): BrowserWindow {
    const win = this.#windows.get(clientId);
    if (!win || win.isDestroyed()) throw new HostError('not_found', 'that window is closed');
    return win;
  }

  createMain(show = true): BrowserWindow {
    const saved = this.#savedBounds('main');
    const win = new BrowserWindow({
      ...mainWindowOptions({ preloadPath: this.#preload, darkBackground: nativeTheme.shouldUseDarkColors }),
      ...(saved ? { x: saved.left, y: saved.top, width: saved.width, height: saved.height } : {}),
      ...(this.#settings?.alwaysOnTop('main') ? { alwaysOnTop: true } : {}),
    });
    this.main = win;
    this.#track(win);
    this.#remember(win, 'main');
    if (show) win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (this.main === win) this.main = null;
    });
    void win.loadURL(this.#appUrl);
    return win;
  }

  state(clientId: string): WindowState {
    const win = this.#win(clientId);
    const b = win.getBounds();
    return {
      focused: win.isFocused(),
      maximized: win.isMaximized(),
      minimized: win.isMinimized(),
      alwaysOnTop: win.isAlwaysOnTop(),
      bounds: { left: b.x, top: b.y, width: b.width, height: b.height },
      backgroundColor: win.getBackgroundColor(),
      floating: win === this.floating,
    };
  }

  toFront(clientId: string): void {
    bringToFront(this.#win(clientId));
  }

  minimize(clientId: string): void {
    this.#win(clientId).minimize();
  }

  toggleMaximize(clientId: string): void {
    const win = this.#win(clientId);
    if (!win.isMaximizable())
      throw new HostError(
        'unsupported',
        'this window cannot be maximised (the floating window keeps its size)',
      );
    if (win.isMaximized()) win.unmaximize();
    else win.maximize();
  }

  close(clientId: string): void {
    this.#win(clientId).close();
  }

  setBounds(clientId: string, bounds: Partial<WindowBounds>): void {
    const win = this.#win(clientId);
    const b = win.getBounds();
    win.setBounds({
      x: bounds.left ?? b.x,
      y: bounds.top ?? b.y,
      width: bounds.width ?? b.width,
      height: bounds.height ?? b.height,
    });
  }

  setAlwaysOnTop(clientId: string, on: boolean): void {
    this.#win(clientId).setAlwaysOnTop(on);
  }

  setBackgroundColor(clientId: string, color: string): void {
    this.#win(clientId).setBackgroundColor(color);
  }

  /** The floating window replaces the main one on screen; closing it brings the main window back. */
  openFloating(bounds: Partial<WindowBounds>): void {
    if (this.floating && !this.floating.isDestroyed()) {
      bringToFront(this.floating);
      return;
    }
    const saved = this.#savedBounds('floating');
    const onTop = this.#settings?.alwaysOnTop('floating');
    const win = new BrowserWindow({
      ...floatingWindowOptions({ ...saved, ...bounds }, this.#preload),
      ...(onTop === undefined ? {} : { alwaysOnTop: onTop }),
    });
    this.floating = win;
    this.#track(win);
    this.#remember(win, 'floating');
    win.once('ready-to-show', () => {
      win.show();
      this.main?.hide();
    });
    win.on('closed', () => {
      this.floating = null;
      for (const listener of this.#floatingListeners) listener(null);
      // While quitting, the main window may already be gone: never create one then.
      if (this.quitting) return;
      const main = this.main && !this.main.isDestroyed() ? this.main : this.createMain();
      main.show();
      bringToFront(main);
    });
    for (const listener of this.#floatingListeners) listener(win);
    void win.loadURL(`${this.#appUrl}#floating`);
  }

  closeFloating(): void {
    this.floating?.close();
  }

  // Electron deprecates clipboard access from renderers; the host does it for them.
  readClipboard(): Promise<string> {
    return clipboard.readText();
  }

  writeClipboard(text: string): Promise<void> {
    return clipboard.writeText(text);
  }

  async openUrl(url: string, options: OpenUrlOptions): Promise<'browser' | 'popup'> {
    if (!isSafeExternalUrl(url))
      throw new HostError('invalid_argument', 'only http, https and mailto links can be opened');
    if (!options.popup) {
      await shell.openExternal(url);
      return 'browser';
    }
    const name = popupName(options.target);
    const existing = name ? this.#popups.get(name) : undefined;
    if (existing && !existing.isDestroyed()) {
      void existing.loadURL(url);
      bringToFront(existing);
      return 'popup';
    }
    const win = new BrowserWindow(popupWindowOptions(options));
    const key = name ?? `popup-${win.webContents.id}`;
    this.#popups.set(key, win);
    this.popupContents.add(win.webContents.id);
    const id = win.webContents.id;
    win.on('closed', () => {
      this.#popups.delete(key);
      this.popupContents.delete(id);
    });
    void win.loadURL(url);
    return 'popup';
  }

  /** Flet's close_in_app_web_view: closes the in-app popups. */
  closeInAppWebView(): boolean {
    const open = [...this.#popups.values()].filter((w) => !w.isDestroyed());
    for (const w of open) w.close();
    return open.length > 0;
  }
}
