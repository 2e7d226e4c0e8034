import { app, type BrowserWindow } from 'electron';

/**
 * Really takes focus, not just flashes the taskbar: Windows refuses focus to background apps unless the
 * window is briefly always-on-top; macOS needs the app itself activated.
 */
export function bringToFront(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  if (process.platform === 'win32') {
    const wasOnTop = win.isAlwaysOnTop();
    win.setAlwaysOnTop(true);
    win.focus();
    win.setAlwaysOnTop(wasOnTop);
  } else {
    if (process.platform === 'darwin') app.focus({ steal: true });
    win.focus();
  }
}
