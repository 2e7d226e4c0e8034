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
  backgroundColor: string;
  floating: boolean;
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
