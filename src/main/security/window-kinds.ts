import type { BrowserWindowConstructorOptions } from 'electron';
import { POPUP_SIZE, type WindowBounds } from '../../shared/window-types.ts';
import { secureWebPreferences } from './window-options.ts';

/**
 * Flet's "I'm a floating button!": transparent and frameless with a hidden title bar, always on top, at a
 * given position. Transparency and framelessness are creation-time options in Electron, so the floating
 * window is a window of its own.
 */
export function floatingWindowOptions(
  bounds: Partial<WindowBounds>,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    x: bounds.left ?? 80,
    y: bounds.top ?? 80,
    width: bounds.width ?? 240,
    height: bounds.height ?? 96,
    transparent: true,
    frame: false,
    titleBarStyle: 'hidden',
    backgroundColor: '#00000000',
    hasShadow: false,
    alwaysOnTop: true,
    resizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: false,
    show: false,
    title: 'Latchkey (floating)',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The session partition of in-app popups: in memory (no "persist:"), shared by no other window. */
export const POPUP_PARTITION = 'latchkey-popup';

/** In-app popups show other sites: no preload (no host API), sandboxed, their own in-memory session. */
export function popupWindowOptions(size: {
  width?: number | undefined;
  height?: number | undefined;
}): BrowserWindowConstructorOptions {
  return {
    width: clamp(size.width ?? POPUP_SIZE.width.default, POPUP_SIZE.width.min, POPUP_SIZE.width.max),
    height: clamp(size.height ?? POPUP_SIZE.height.default, POPUP_SIZE.height.min, POPUP_SIZE.height.max),
    title: 'Latchkey',
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(undefined), partition: POPUP_PARTITION },
  };
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));

/** Window names that may be reused for popups; "_blank" means a new window every time. */
export function popupName(target: string | undefined): string | null {
  if (target === undefined || target === '_blank' || target === '_self') return null;
  return target;
}
