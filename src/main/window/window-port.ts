import type { Rgba } from '../../shared/colour.ts';
import type {
  FloatingOptions,
  OpenUrlOptions,
  WindowBounds,
  WindowProps,
  WindowState,
} from '../../shared/window-types.ts';

/**
 * What the host needs from a windowing system. The Electron entry implements it with BrowserWindow,
 * clipboard and shell; web mode has none (the page does what a browser can).
 */
export interface WindowPort {
  state(clientId: string): WindowState;
  toFront(clientId: string): void;
  minimize(clientId: string): void;
  toggleMaximize(clientId: string): void;
  /** The app closes its window: no closeRequested, even with preventClose. */
  close(clientId: string): void;
  /** Closes at once (Flet's destroy()). */
  destroy(clientId: string): void;
  /** Clamped to the work area of a display (src/main/window/on-screen.ts). */
  setBounds(clientId: string, bounds: Partial<WindowBounds>): void;
  setAlwaysOnTop(clientId: string, on: boolean): void;
  setBackgroundColor(clientId: string, colour: Rgba): void;
  /** Applies Flet's window properties; answers the state of the window that now shows the page (re-created or not). */
  update(clientId: string, props: WindowProps): WindowState;
  center(clientId: string): void;
  openFloating(options: FloatingOptions): void;
  closeFloating(): void;
  readClipboard(): Promise<string>;
  writeClipboard(text: string): Promise<void>;
  /** Opens a web link in the system browser or an in-app popup; resolves where it went. */
  openUrl(url: string, options: OpenUrlOptions): Promise<'browser' | 'popup'>;
  closeInAppWebView(): boolean;
}
