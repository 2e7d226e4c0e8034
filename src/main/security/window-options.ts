import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The web preferences every Latchkey window gets. A pure function so the security baseline is tested
 * without Electron; the Electron entry only passes the result on.
 */
export function secureWebPreferences(
  preloadPath: string | undefined,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    ...(preloadPath === undefined ? {} : { preload: preloadPath }),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowInput {
  preloadPath: string;
  darkBackground: boolean;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    width: 1040,
    height: 720,
    minWidth: 640,
    minHeight: 480,
    title: 'Latchkey',
    // Shown on 'ready-to-show' so the user never sees an unpainted window.
    show: false,
    backgroundColor: input.darkBackground ? '#15171b' : '#f6f7f9',
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}

/** Flet's window styles that Electron fixes when it makes a window. */
export interface WindowStyle {
  frameless: boolean;
  titleBarHidden: boolean;
  transparent: boolean;
}

/**
 * The creation options for a window style. A transparent window gets a fully transparent background (else
 * Electron paints it opaque); a hidden title bar keeps the window controls where the platform draws them.
 */
export function windowStyleOptions(style: WindowStyle): BrowserWindowConstructorOptions {
  return {
    frame: !style.frameless,
    titleBarStyle: style.titleBarHidden ? 'hidden' : 'default',
    transparent: style.transparent,
    ...(style.transparent ? { backgroundColor: '#00000000', hasShadow: false } : {}),
  };
}
