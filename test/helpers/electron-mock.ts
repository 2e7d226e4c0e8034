/**
 * A thin stand-in for the parts of Electron's main-process API that Latchkey uses, as Electron Fiddle's
 * tests do (`tests/mocks`): objects that record what was asked of them and emit events when told to.
 * Behaviour stays in the real code under test; nothing here decides anything.
 *
 * Use in a test file: `vi.mock('electron', async () => (await import('../../helpers/electron-mock.ts')).electron)`
 * and then import `electron` from this module to drive and inspect it.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';

const nodeFetch = globalThis.fetch;
import { fileURLToPath } from 'node:url';

type Handler = (...args: unknown[]) => unknown;

export class WebContentsMock extends EventEmitter {
  static nextId = 1;
  readonly id = WebContentsMock.nextId++;
  url = '';
  readonly sent: unknown[][] = [];
  windowOpenHandler: Handler | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindowMock extends EventEmitter {
  static all: BrowserWindowMock[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContentsMock();
  bounds: Rect;
  destroyed = false;
  visible = false;
  maximized = false;
  minimized = false;
  focused = false;
  alwaysOnTop: boolean;
  backgroundColor: string;
  /** Every value given to setBackgroundColor, as Electron received it (it reads 8 digits as #AARRGGBB). */
  readonly backgroundColors: string[] = [];
  opacity: number;
  minimumSize: [number, number];
  maximumSize: [number, number];
  resizable: boolean;
  fullScreen: boolean;
  skipTaskbar: boolean;
  /** Every value given to setProgressBar (Electron removes the bar for a negative one). */
  readonly progress: number[] = [];
  centred = 0;
  loaded: string[] = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.bounds = {
      x: (options.x as number) ?? 0,
      y: (options.y as number) ?? 0,
      width: (options.width as number) ?? 800,
      height: (options.height as number) ?? 600,
    };
    this.alwaysOnTop = options.alwaysOnTop === true;
    this.backgroundColor = (options.backgroundColor as string) ?? '#FFFFFF';
    this.opacity = (options.opacity as number) ?? 1;
    this.minimumSize = [(options.minWidth as number) ?? 0, (options.minHeight as number) ?? 0];
    this.maximumSize = [(options.maxWidth as number) ?? 0, (options.maxHeight as number) ?? 0];
    this.resizable = options.resizable !== false;
    this.fullScreen = options.fullscreen === true;
    this.skipTaskbar = options.skipTaskbar === true;
    BrowserWindowMock.all.push(this);
    electron.app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): BrowserWindowMock[] {
    return BrowserWindowMock.all.filter((w) => !w.destroyed);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits 'close' then, unless a listener called preventDefault, 'closed', as Electron does. */
  close(): void {
    if (this.destroyed) return;
    let vetoed = false;
    this.emit('close', {
      preventDefault() {
        vetoed = true;
      },
    });
    if (vetoed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** Electron's destroy(): closed at once, without 'close'. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMaximizable(): boolean {
    return this.options.maximizable !== false;
  }
  maximize(): void {
    this.maximized = true;
  }
  unmaximize(): void {
    this.maximized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(b: Rect): void {
    this.bounds = { ...b };
  }
  isAlwaysOnTop(): boolean {
    return this.alwaysOnTop;
  }
  setAlwaysOnTop(on: boolean): void {
    this.alwaysOnTop = on;
    this.emit('always-on-top-changed', {}, on);
  }
  /** As Electron documents it: `#RRGGBB`, the alpha not returned. */
  getBackgroundColor(): string {
    const hex = this.backgroundColor.replace('#', '');
    return `#${(hex.length === 8 ? hex.slice(2) : hex).toUpperCase()}`;
  }
  setBackgroundColor(c: string): void {
    this.backgroundColors.push(c);
    this.backgroundColor = c;
  }
  getOpacity(): number {
    return this.opacity;
  }
  setOpacity(o: number): void {
    this.opacity = o;
  }
  getMinimumSize(): [number, number] {
    return [...this.minimumSize];
  }
  setMinimumSize(w: number, h: number): void {
    this.minimumSize = [w, h];
  }
  getMaximumSize(): [number, number] {
    return [...this.maximumSize];
  }
  setMaximumSize(w: number, h: number): void {
    this.maximumSize = [w, h];
  }
  isResizable(): boolean {
    return this.resizable;
  }
  setResizable(on: boolean): void {
    this.resizable = on;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  /** Electron emits enter/leave-full-screen when the change has happened. */
  setFullScreen(on: boolean): void {
    if (this.fullScreen === on) return;
    this.fullScreen = on;
    this.emit(on ? 'enter-full-screen' : 'leave-full-screen');
  }
  setSkipTaskbar(on: boolean): void {
    this.skipTaskbar = on;
  }
  setProgressBar(p: number): void {
    this.progress.push(p);
  }
  center(): void {
    this.centred += 1;
  }
}

class SessionMock {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  setPermissionRequestHandler(h: Handler): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler): void {
    this.permissionCheckHandler = h;
  }
}

const partitions = new Map<string, SessionMock>();

/** A menu as built from a template: the template is kept as given, so tests read labels, roles and clicks. */
export class MenuMock {
  static application: MenuMock | null = null;
  static popups: Array<{ menu: MenuMock; options: unknown }> = [];
  readonly template: Array<Record<string, unknown>>;
  constructor(template: Array<Record<string, unknown>>) {
    this.template = template;
  }
  static buildFromTemplate(template: Array<Record<string, unknown>>): MenuMock {
    return new MenuMock(template);
  }
  static setApplicationMenu(menu: MenuMock | null): void {
    MenuMock.application = menu;
  }
  popup(options: unknown): void {
    MenuMock.popups.push({ menu: this, options });
  }
}

export class TrayMock extends EventEmitter {
  static all: TrayMock[] = [];
  readonly image: unknown;
  menu: MenuMock | null = null;
  toolTip = '';
  constructor(image: unknown) {
    super();
    this.image = image;
    TrayMock.all.push(this);
  }
  setContextMenu(menu: MenuMock): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
}

class NativeImageMock {
  readonly path: string;
  readonly size: { width: number; height: number } | null;
  constructor(path: string, size: { width: number; height: number } | null = null) {
    this.path = path;
    this.size = size;
  }
  resize(size: { width: number; height: number }): NativeImageMock {
    return new NativeImageMock(this.path, size);
  }
}

/** Everything, recorded in call order where order matters (`calls`). */
export const electron = {
  calls: [] as string[],
  app: Object.assign(new EventEmitter(), {
    isPackaged: false,
    singleInstance: true,
    quitCalls: 0,
    readyResolve: null as (() => void) | null,
    ready: null as Promise<void> | null,
    userData: '',
    requestSingleInstanceLock(): boolean {
      electron.calls.push('app.requestSingleInstanceLock');
      return electron.app.singleInstance;
    },
    releaseSingleInstanceLock(): void {
      electron.calls.push('app.releaseSingleInstanceLock');
    },
    whenReady(): Promise<void> {
      electron.calls.push('app.whenReady');
      electron.app.ready ??= new Promise<void>((resolve) => {
        electron.app.readyResolve = resolve;
      });
      return electron.app.ready;
    },
    quit(): void {
      electron.calls.push('app.quit');
      electron.app.quitCalls += 1;
    },
    /** Codes `app.exit` was called with (it ends the app at once, without before-quit). */
    exitCodes: [] as number[],
    exit(code = 0): void {
      electron.calls.push('app.exit');
      electron.app.exitCodes.push(code);
    },
    /** `app.getPath('logs')`; empty means `<userData>/logs`. */
    logs: '',
    protocolClients: [] as string[],
    getVersion: () => '0.0.0-mock',
    getPath: (name: string) => {
      if (name === 'logs') return electron.app.logs || `${electron.app.userData}/logs`;
      if (name !== 'userData') throw new Error(`no mock path ${name}`);
      return electron.app.userData;
    },
    setAsDefaultProtocolClient(scheme: string): boolean {
      electron.calls.push('app.setAsDefaultProtocolClient');
      electron.app.protocolClients.push(scheme);
      return true;
    },
    focus(): void {},
    /** What `app.getApplicationNameForProtocol` answers, by scheme; '' (no program) when absent, as Electron. */
    protocolApps: {} as Record<string, string>,
    getApplicationNameForProtocol(url: string): string {
      return electron.app.protocolApps[url.slice(0, url.indexOf(':'))] ?? '';
    },
  }),
  BrowserWindow: BrowserWindowMock,
  protocol: {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      electron.calls.push('protocol.registerSchemesAsPrivileged');
      electron.protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      electron.protocol.handlers.set(scheme, handler);
    },
  },
  // Electron's net.fetch (Chromium's network stack): a file: URL from the file system; anything else is
  // recorded, then fetched for real with the fetch Node had when the stand-in was made.
  net: {
    requests: [] as string[],
    async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith('file:')) {
        try {
          return new Response(await readFile(fileURLToPath(url)));
        } catch {
          return new Response('not found', { status: 404 });
        }
      }
      electron.net.requests.push(url);
      // As Electron's net.fetch fails: a plain Error naming Chromium's net error, not Node's TypeError.
      return nodeFetch(input, init).catch((error: unknown) => {
        if (init?.signal?.aborted) throw error;
        throw new Error('net::ERR_CONNECTION_REFUSED', { cause: error });
      });
    },
  },
  session: {
    defaultSession: new SessionMock(),
    fromPartition(name: string): SessionMock {
      if (!partitions.has(name)) partitions.set(name, new SessionMock());
      return partitions.get(name)!;
    },
  },
  shell: {
    opened: [] as string[],
    openedPaths: [] as string[],
    async openExternal(url: string): Promise<void> {
      electron.shell.opened.push(url);
    },
    /** Resolves with an error message, or '' on success (as Electron's does). */
    async openPath(path: string): Promise<string> {
      electron.shell.openedPaths.push(path);
      return '';
    },
  },
  Menu: MenuMock,
  Tray: TrayMock,
  nativeImage: {
    createFromPath: (path: string) => new NativeImageMock(path),
  },
  dialog: {
    /** `dialog.showErrorBox` calls: the start-up refusals. */
    errorBoxes: [] as Array<{ title: string; content: string }>,
    showErrorBox(title: string, content: string): void {
      electron.dialog.errorBoxes.push({ title, content });
    },
    shown: [] as unknown[],
    async showMessageBox(options: unknown): Promise<{ response: number }> {
      electron.dialog.shown.push(options);
      return { response: 0 };
    },
  },
  // Electron's powerMonitor: a test emits 'resume' or 'unlock-screen' as the OS would after a sleep.
  powerMonitor: new EventEmitter(),
  crashReporter: {
    started: null as unknown,
    start(options: unknown): void {
      electron.calls.push('crashReporter.start');
      electron.crashReporter.started = options;
    },
  },
  // The preload's two objects (sandboxed renderer side): what it exposed to the page, and its IPC.
  contextBridge: {
    exposed: {} as Record<string, unknown>,
    exposeInMainWorld(key: string, api: unknown): void {
      electron.contextBridge.exposed[key] = api;
    },
  },
  ipcRenderer: {
    /** Every invoke, as `[channel, ...args]`; each answers `{ok: true, value: null}`. */
    invoked: [] as unknown[][],
    listeners: new Set<Handler>(),
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      electron.ipcRenderer.invoked.push([channel, ...args]);
      return { ok: true, value: null };
    },
    on(_channel: string, fn: Handler): void {
      electron.ipcRenderer.listeners.add(fn);
    },
    removeListener(_channel: string, fn: Handler): void {
      electron.ipcRenderer.listeners.delete(fn);
    },
  },
  ipcMain: {
    handlers: new Map<string, Handler>(),
    handle(channel: string, fn: Handler): void {
      electron.ipcMain.handlers.set(channel, fn);
    },
    removeHandler(channel: string): void {
      electron.ipcMain.handlers.delete(channel);
    },
    // electron-store answers its renderer helper on this synchronous channel.
    on(): void {},
  },
  clipboard: {
    text: '',
    async readText(): Promise<string> {
      return electron.clipboard.text;
    },
    async writeText(text: string): Promise<void> {
      electron.clipboard.text = text;
    },
  },
  nativeTheme: { shouldUseDarkColors: false },
  screen: {
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
    getAllDisplays() {
      return electron.screen.displays;
    },
  },
  safeStorage: {
    getSelectedStorageBackend: () => 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => Buffer.from(`enc:${s}`),
    decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(4), shouldReEncrypt: false }),
  },
};

/** electron-store and ESM default imports read `default`. */
export default electron;
