/** Window control types shared by host and renderer. */

export interface WindowBounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface WindowState {
  focused: boolean;
  maximized: boolean;
  minimized: boolean;
  alwaysOnTop: boolean;
  bounds: WindowBounds;
  /** `#aarrggbb`, alpha first (Flet's and Electron's order): see src/shared/colour.ts. */
  backgroundColor: string;
  floating: boolean;
  opacity: number;
  /** The size limits in pixels; null where there is none. */
  minWidth: number | null;
  minHeight: number | null;
  maxWidth: number | null;
  maxHeight: number | null;
  resizable: boolean;
  fullScreen: boolean;
  preventClose: boolean;
  skipTaskBar: boolean;
  /** 0–1, or null when no progress is shown on the taskbar / dock icon. */
  progressBar: number | null;
  frameless: boolean;
  titleBarHidden: boolean;
  transparent: boolean;
}

/**
 * Flet's `page.window` properties that `window.update` sets; each is optional, and only those given change.
 * `frameless`, `titleBarHidden` and `transparent` are fixed when Electron makes a window, so changing one makes
 * a new window in the same place with the same page state (session storage, area, bounds).
 */
export interface WindowProps {
  opacity?: number | undefined;
  minWidth?: number | null | undefined;
  minHeight?: number | null | undefined;
  maxWidth?: number | null | undefined;
  maxHeight?: number | null | undefined;
  resizable?: boolean | undefined;
  fullScreen?: boolean | undefined;
  preventClose?: boolean | undefined;
  skipTaskBar?: boolean | undefined;
  progressBar?: number | null | undefined;
  frameless?: boolean | undefined;
  titleBarHidden?: boolean | undefined;
  transparent?: boolean | undefined;
}

export const WINDOW_PROPS = [
  'opacity',
  'minWidth',
  'minHeight',
  'maxWidth',
  'maxHeight',
  'resizable',
  'fullScreen',
  'preventClose',
  'skipTaskBar',
  'progressBar',
  'frameless',
  'titleBarHidden',
  'transparent',
] as const satisfies ReadonlyArray<keyof WindowProps>;

/** The properties Electron fixes when it makes a window: changing one re-creates it. */
export const CREATION_PROPS = ['frameless', 'titleBarHidden', 'transparent'] as const satisfies ReadonlyArray<
  keyof WindowProps
>;

/** Flet's window event names (`WindowEventType`), as `window.event` carries them. */
export const WINDOW_EVENT_TYPES = [
  'focus',
  'blur',
  'resize',
  'resized',
  'move',
  'moved',
  'maximize',
  'unmaximize',
  'minimize',
  'restore',
  'enterFullScreen',
  'leaveFullScreen',
  'close',
] as const;
export type WindowEventType = (typeof WINDOW_EVENT_TYPES)[number];

/** What the floating window shows and where: its size and content come from the app. */
export interface FloatingOptions extends Partial<WindowBounds> {
  /** An area id (`window`, `storage`, …) to show alone, or none for the floating button. */
  area?: string | undefined;
}

/** What this host can do with windows; in a browser most of it is not possible. */
export interface WindowCapabilities {
  transport: 'electron' | 'web';
  windowControls: boolean;
  floating: boolean;
  alwaysOnTop: boolean;
  clipboard: boolean;
  inAppPopups: boolean;
}

export interface OpenUrlOptions {
  /** '_blank' (default), '_self', or a window name to reuse. */
  target?: string | undefined;
  /** Open in a sandboxed in-app window instead of the system browser. */
  popup?: boolean | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/**
 * In-app popups (Flet's launch_url with popup): the size when none is given and the sizes allowed. Read by the
 * contract's schema, the Electron popup window and the browser's window.open.
 */
export const POPUP_SIZE = {
  width: { default: 900, min: 200, max: 4000 },
  height: { default: 700, min: 150, max: 4000 },
} as const;
