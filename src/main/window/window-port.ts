import type { OpenUrlOptions, WindowBounds, WindowState } from '../../shared/window-types.ts';

/**
 * What the host needs from a windowing system. The Electron entry implements it with BrowserWindow,
 * clipboard and shell; web mode has none (the page does what a browser can).
 */
export interface WindowPort {
  state(clientId: string): WindowState;
  toFront(clientId: string): void;
  minimize(clientId: string): void;
  toggleMaximize(clientId: string): void;
  close(clientId: string): void;
  setBounds(clientId: string, bounds: Partial<WindowBounds>): void;
  setAlwaysOnTop(clientId: string, on: boolean): void;
  setBackgroundColor(clientId: string, color: string): void;
  openFloating(bounds: Partial<WindowBounds>): void;
  closeFloating(): void;
  readClipboard(): Promise<string>;
  writeClipboard(text: string): Promise<void>;
  /** Opens a web link in the system browser or an in-app popup; resolves where it went. */
  openUrl(url: string, options: OpenUrlOptions): Promise<'browser' | 'popup'>;
  closeInAppWebView(): boolean;
}
