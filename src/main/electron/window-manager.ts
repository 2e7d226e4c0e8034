/**
 * The app's windows (main, floating, in-app popups) and the WindowPort the host uses. Every decision it
 * applies (options, URL safety) is a pure function elsewhere; this file only calls Electron.
 */
import { BrowserWindow, clipboard, nativeTheme, screen, shell } from 'electron';
import { parseColour, toAarrggbb, type Rgba } from '../../shared/colour.ts';
import { HostError } from '../../shared/errors.ts';
import {
  CREATION_PROPS,
  type FloatingOptions,
  type OpenUrlOptions,
  type WindowBounds,
  type WindowEventType,
  type WindowProps,
  type WindowState,
} from '../../shared/window-types.ts';
import type { EventSink } from '../events.ts';
import type { AppSettings, WindowKind } from '../settings/app-settings.ts';
import { clampToDisplay, type Area } from '../window/on-screen.ts';
import { isSafeExternalUrl } from '../security/url-policy.ts';
import { floatingWindowOptions, popupName, popupWindowOptions } from '../security/window-kinds.ts';
import { mainWindowOptions, windowStyleOptions, type WindowStyle } from '../security/window-options.ts';
import type { WindowPort } from '../window/window-port.ts';
import { bringToFront } from './bring-to-front.ts';
import { clientIdOf } from './ipc.ts';

/** What the host keeps about an app window that Electron does not answer (or fixes at creation). */
interface WindowRecord extends WindowStyle {
  kind: WindowKind;
  /** The app page it shows (its own URL, never one the page chose). */
  url: string;
  colour: Rgba | null;
  preventClose: boolean;
  skipTaskBar: boolean;
  progressBar: number | null;
  /** The app itself asked to close it (window.close): no closeRequested then. */
  closingByApp: boolean;
}

/** Electron's window events and Flet's names for them (WindowEventType). */
const EVENTS: ReadonlyArray<[string, WindowEventType]> = [
  ['focus', 'focus'],
  ['blur', 'blur'],
  ['resize', 'resize'],
  ['resized', 'resized'],
  ['move', 'move'],
  ['moved', 'moved'],
  ['maximize', 'maximize'],
  ['unmaximize', 'unmaximize'],
  ['minimize', 'minimize'],
  ['restore', 'restore'],
  ['enter-full-screen', 'enterFullScreen'],
  ['leave-full-screen', 'leaveFullScreen'],
];

/** The events after which the page gets its new window.state (not every pixel of a drag: 'resize'/'move'). */
const STATE_EVENTS = new Set([
  'focus',
  'blur',
  'maximize',
  'unmaximize',
  'minimize',
  'restore',
  'moved',
  'resized',
  'enter-full-screen',
  'leave-full-screen',
]);

const limit = (n: number): number | null => (n > 0 ? n : null);

export class WindowManager implements WindowPort {
  readonly #preload: string;
  readonly #appUrl: string;
  readonly #emit: EventSink;
  readonly #onClosed: (clientId: string) => void;
  readonly #onReplaced: (from: string, to: string) => void;
  readonly #records = new WeakMap<BrowserWindow, WindowRecord>();
  /** Windows being replaced by a re-created one: their closing must not bring the main window back. */
  readonly #replaced = new WeakSet<BrowserWindow>();
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
    /** A window was re-created (a style Electron fixes at creation): its page state moves to the new id. */
    onReplaced?: (from: string, to: string) => void;
  }) {
    this.#preload = options.preloadPath;
    this.#appUrl = options.appUrl;
    this.#emit = options.emit;
    this.#onClosed = options.onClosed;
    this.#onReplaced = options.onReplaced ?? (() => undefined);
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

  #displays(): Area[] {
    return screen.getAllDisplays().map(({ workArea: a }) => ({
      left: a.x,
      top: a.y,
      width: a.width,
      height: a.height,
    }));
  }

  /** Where a window of this kind was last, moved and shrunk to lie wholly inside a current display. */
  #savedBounds(kind: WindowKind): WindowBounds | undefined {
    const saved = this.#settings?.windowBounds(kind);
    if (!saved) return undefined;
    return clampToDisplay(saved, this.#displays());
  }

  #record(win: BrowserWindow): WindowRecord {
    const rec = this.#records.get(win);
    if (!rec) throw new HostError('not_found', 'that window is not one of the app’s windows');
    return rec;
  }

  /** Remembers where the user put the window and whether it stayed on top. */
  #remember(win: BrowserWindow, kind: WindowKind): void {
    if (!this.#settings) return;
    const settings = this.#settings;
    win.on('close', () => this.#saveBounds(win, kind));
    win.on('always-on-top-changed', (_event, on: boolean) => settings.saveAlwaysOnTop(kind, on));
  }

  #saveBounds(win: BrowserWindow, kind: WindowKind): void {
    if (!this.#settings || win.isDestroyed()) return;
    const b = win.isMaximized() || win.isMinimized() ? win.getNormalBounds() : win.getBounds();
    this.#settings.saveWindowBounds(kind, { left: b.x, top: b.y, width: b.width, height: b.height });
  }

  #track(win: BrowserWindow, record: WindowRecord): string {
    const clientId = clientIdOf(win.webContents.id);
    this.#windows.set(clientId, win);
    this.#records.set(win, record);
    const push = () => {
      if (!win.isDestroyed()) this.#emit('window.state', this.state(clientId), { clientId });
    };
    for (const [electronName, type] of EVENTS) {
      win.on(electronName as 'focus', () => {
        if (win.isDestroyed()) return;
        this.#emit('window.event', { type }, { clientId });
        if (STATE_EVENTS.has(electronName)) push();
      });
    }
    win.on('always-on-top-changed', push);
    // Flet's prevent_close: the user's close (title bar, Alt+F4, Cmd+W) becomes an event; the app decides.
    win.on('close', (event) => {
      if (!record.preventClose || record.closingByApp || this.quitting) return;
      event.preventDefault();
      this.#emit('window.event', { type: 'close' }, { clientId });
      this.#emit('window.closeRequested', {}, { clientId });
    });
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
    this.#track(win, this.#newRecord('main', this.#appUrl, false));
    this.#remember(win, 'main');
    if (show) win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (this.main === win) this.main = null;
    });
    void win.loadURL(this.#appUrl);
    return win;
  }

  #newRecord(kind: WindowKind, url: string, styled: boolean): WindowRecord {
    return {
      kind,
      url,
      colour: null,
      preventClose: false,
      skipTaskBar: false,
      progressBar: null,
      closingByApp: false,
      frameless: styled,
      titleBarHidden: styled,
      transparent: styled,
    };
  }

  state(clientId: string): WindowState {
    const win = this.#win(clientId);
    const rec = this.#record(win);
    const b = win.getBounds();
    const [minWidth = 0, minHeight = 0] = win.getMinimumSize();
    const [maxWidth = 0, maxHeight = 0] = win.getMaximumSize();
    // Electron answers #RRGGBB without the alpha: the colour the app set is reported as it was set.
    const reported = parseColour(win.getBackgroundColor());
    return {
      focused: win.isFocused(),
      maximized: win.isMaximized(),
      minimized: win.isMinimized(),
      alwaysOnTop: win.isAlwaysOnTop(),
      bounds: { left: b.x, top: b.y, width: b.width, height: b.height },
      backgroundColor: rec.colour
        ? toAarrggbb(rec.colour)
        : reported.ok
          ? toAarrggbb(reported.colour)
          : win.getBackgroundColor(),
      floating: win === this.floating,
      opacity: win.getOpacity(),
      minWidth: limit(minWidth),
      minHeight: limit(minHeight),
      maxWidth: limit(maxWidth),
      maxHeight: limit(maxHeight),
      resizable: win.isResizable(),
      fullScreen: win.isFullScreen(),
      preventClose: rec.preventClose,
      skipTaskBar: rec.skipTaskBar,
      progressBar: rec.progressBar,
      frameless: rec.frameless,
      titleBarHidden: rec.titleBarHidden,
      transparent: rec.transparent,
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
    const win = this.#win(clientId);
    this.#record(win).closingByApp = true;
    win.close();
  }

  destroy(clientId: string): void {
    const win = this.#win(clientId);
    // Electron's destroy() skips 'close', where the bounds are saved: save them first.
    this.#saveBounds(win, this.#record(win).kind);
    win.destroy();
  }

  /** Every position and size a page asks for lies wholly inside a display's work area. */
  setBounds(clientId: string, bounds: Partial<WindowBounds>): void {
    const win = this.#win(clientId);
    const b = win.getBounds();
    const wanted = {
      left: bounds.left ?? b.x,
      top: bounds.top ?? b.y,
      width: bounds.width ?? b.width,
      height: bounds.height ?? b.height,
    };
    const c = clampToDisplay(wanted, this.#displays());
    win.setBounds({ x: c.left, y: c.top, width: c.width, height: c.height });
  }

  setAlwaysOnTop(clientId: string, on: boolean): void {
    this.#win(clientId).setAlwaysOnTop(on);
  }

  /** Electron reads eight digits as #AARRGGBB, Flet's order: the parsed colour goes over in that form. */
  setBackgroundColor(clientId: string, colour: Rgba): void {
    const win = this.#win(clientId);
    this.#record(win).colour = colour;
    win.setBackgroundColor(toAarrggbb(colour));
  }

  center(clientId: string): void {
    this.#win(clientId).center();
  }

  update(clientId: string, props: WindowProps): WindowState {
    let win = this.#win(clientId);
    const rec = this.#record(win);
    const [minW = 0, minH = 0] = win.getMinimumSize();
    const [maxW = 0, maxH = 0] = win.getMaximumSize();
    const pick = (v: number | null | undefined, current: number) => (v === undefined ? current : (v ?? 0));
    const min = [pick(props.minWidth, minW), pick(props.minHeight, minH)] as const;
    const max = [pick(props.maxWidth, maxW), pick(props.maxHeight, maxH)] as const;
    // Checked before anything changes, with the limits the window already has.
    for (const [i, what] of [
      [0, 'Width'],
      [1, 'Height'],
    ] as const) {
      if (min[i] > 0 && max[i] > 0 && min[i] > max[i])
        throw new HostError(
          'invalid_argument',
          `min${what} (${min[i]}) must not be more than max${what} (${max[i]})`,
          {
            path: `[0].min${what}`,
          },
        );
    }
    const style: WindowStyle = {
      frameless: props.frameless ?? rec.frameless,
      titleBarHidden: props.titleBarHidden ?? rec.titleBarHidden,
      transparent: props.transparent ?? rec.transparent,
    };
    if (CREATION_PROPS.some((k) => style[k] !== rec[k])) win = this.#recreate(win, style);
    const now = this.#record(win);
    if (props.opacity !== undefined) win.setOpacity(props.opacity);
    if (props.minWidth !== undefined || props.minHeight !== undefined) win.setMinimumSize(min[0], min[1]);
    if (props.maxWidth !== undefined || props.maxHeight !== undefined) win.setMaximumSize(max[0], max[1]);
    if (props.resizable !== undefined) win.setResizable(props.resizable);
    if (props.fullScreen !== undefined) win.setFullScreen(props.fullScreen);
    if (props.preventClose !== undefined) now.preventClose = props.preventClose;
    if (props.skipTaskBar !== undefined) {
      win.setSkipTaskbar(props.skipTaskBar);
      now.skipTaskBar = props.skipTaskBar;
    }
    if (props.progressBar !== undefined) {
      // Electron removes the bar for a negative value.
      win.setProgressBar(props.progressBar ?? -1);
      now.progressBar = props.progressBar;
    }
    return this.state(clientIdOf(win.webContents.id));
  }

  /**
   * A new window in the old one's place, with the new style and everything else the old one had; the page's
   * session storage moves to it (onReplaced) and it loads the same app page, which opens on the area last
   * shown. The old window goes when the new one is ready to show, so there is never a moment with neither.
   */
  #recreate(old: BrowserWindow, style: WindowStyle): BrowserWindow {
    const rec = this.#record(old);
    const oldId = clientIdOf(old.webContents.id);
    const b = old.getBounds();
    const [minW = 0, minH = 0] = old.getMinimumSize();
    const [maxW = 0, maxH = 0] = old.getMaximumSize();
    const base =
      rec.kind === 'floating'
        ? floatingWindowOptions({}, this.#preload)
        : mainWindowOptions({ preloadPath: this.#preload, darkBackground: nativeTheme.shouldUseDarkColors });
    const win = new BrowserWindow({
      ...base,
      ...windowStyleOptions(style),
      ...(rec.colour && !style.transparent ? { backgroundColor: toAarrggbb(rec.colour) } : {}),
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      minWidth: minW,
      minHeight: minH,
      ...(maxW > 0 ? { maxWidth: maxW } : {}),
      ...(maxH > 0 ? { maxHeight: maxH } : {}),
      resizable: old.isResizable(),
      alwaysOnTop: old.isAlwaysOnTop(),
      opacity: old.getOpacity(),
      skipTaskbar: rec.skipTaskBar,
      fullscreen: old.isFullScreen(),
      show: false,
    });
    const newId = this.#track(win, { ...rec, ...style, closingByApp: false });
    if (rec.progressBar !== null) win.setProgressBar(rec.progressBar);
    this.#remember(win, rec.kind);
    this.#replaced.add(old);
    this.#onReplaced(oldId, newId);
    if (this.main === old) {
      this.main = win;
      win.on('closed', () => {
        if (this.main === win) this.main = null;
      });
    }
    if (this.floating === old) this.#adoptFloating(win);
    const wasVisible = old.isVisible();
    win.once('ready-to-show', () => {
      if (wasVisible) win.show();
      if (!old.isDestroyed()) old.destroy();
    });
    void win.loadURL(rec.url);
    return win;
  }

  /** The floating window replaces the main one on screen; closing it brings the main window back. */
  openFloating(options: FloatingOptions): void {
    const url = `${this.#appUrl}#floating${options.area ? `/${options.area}` : ''}`;
    const open = this.floating && !this.floating.isDestroyed() ? this.floating : null;
    if (open) {
      // Already open: it takes what the app asks for now (another area, another size) and comes forward.
      const rec = this.#record(open);
      if (rec.url !== url) {
        rec.url = url;
        void open.loadURL(url);
      }
      if (['left', 'top', 'width', 'height'].some((k) => options[k as keyof WindowBounds] !== undefined))
        this.setBounds(clientIdOf(open.webContents.id), options);
      bringToFront(open);
      return;
    }
    const saved = this.#savedBounds('floating');
    const onTop = this.#settings?.alwaysOnTop('floating');
    const defaults = floatingWindowOptions({}, this.#preload);
    const bounds = clampToDisplay(
      {
        left: options.left ?? saved?.left ?? (defaults.x as number),
        top: options.top ?? saved?.top ?? (defaults.y as number),
        width: options.width ?? saved?.width ?? (defaults.width as number),
        height: options.height ?? saved?.height ?? (defaults.height as number),
      },
      this.#displays(),
    );
    const win = new BrowserWindow({
      ...floatingWindowOptions(bounds, this.#preload),
      ...(onTop === undefined ? {} : { alwaysOnTop: onTop }),
    });
    this.#track(win, this.#newRecord('floating', url, true));
    this.#remember(win, 'floating');
    win.once('ready-to-show', () => {
      win.show();
      this.main?.hide();
    });
    this.#adoptFloating(win);
    void win.loadURL(url);
  }

  /** Makes `win` the floating window: menus and tray learn of it, and its closing brings the main one back. */
  #adoptFloating(win: BrowserWindow): void {
    this.floating = win;
    win.on('closed', () => {
      if (this.floating !== win) return;
      this.floating = null;
      for (const listener of this.#floatingListeners) listener(null);
      // While quitting, the main window may already be gone: never create one then.
      if (this.quitting || this.#replaced.has(win)) return;
      const main = this.main && !this.main.isDestroyed() ? this.main : this.createMain();
      main.show();
      bringToFront(main);
    });
    for (const listener of this.#floatingListeners) listener(win);
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
