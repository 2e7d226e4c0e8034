/**
 * The installed-app shell under the thin Electron stand-in: crash reporter, application menu, tray, the
 * floating window's context menu, deep links delivered by `open-url` (before ready) and by a second instance's
 * argv, the log file in `app.getPath('logs')`, and updates in a development build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock, MenuMock, TrayMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-shell');
electron.app.logs = path.join(tempDir('electron-shell-logs'), 'logs');
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');

type Item = {
  id?: string;
  label?: string;
  role?: string;
  checked?: boolean;
  submenu?: Item[];
  click?: () => void;
};
const call = (name: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    {
      senderFrame: { url: 'app://latchkey/index.html', parent: null },
      sender: { id: mainWin().webContents.id },
    },
    ...args,
  ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
const mainWin = () => BrowserWindowMock.all[0]!;
const shown = () =>
  mainWin()
    .webContents.sent.filter(([channel, name]) => channel === IPC_EVENT_CHANNEL && name === 'app.showArea')
    .map(([, , payload]) => (payload as { area: string }).area);
const lastArea = async () => ((await call('app.settings')).value as { lastArea: string | null }).lastArea;
const tray = () => TrayMock.all[0]!;
const trayItem = (id: string) => (tray().menu!.template as Item[]).find((i) => i.id === id)!;
const logFile = () => path.join(electron.app.logs, 'main.log');

// macOS: a link that launches the app arrives before ready.
let earlyPrevented = 0;
const early = { preventDefault: () => void earlyPrevented++ };
electron.app.emit('open-url', early, 'latchkey://open/encryption');

beforeAll(async () => {
  electron.app.readyResolve?.();
  await main.started;
});
afterAll(() => {
  electron.app.removeAllListeners();
});

describe('the installed-app shell', () => {
  it('starts the crash reporter before ready, keeping minidumps local', () => {
    expect(electron.crashReporter.started).toEqual({ uploadToServer: false });
    expect(electron.calls.indexOf('crashReporter.start')).toBeLessThan(
      electron.calls.indexOf('app.whenReady'),
    );
    // A development build does not claim the scheme for the bare Electron binary.
    expect(electron.app.protocolClients).toEqual([]);
  });

  it('routes a link that arrived before ready once the app is up', async () => {
    expect(earlyPrevented).toBe(1);
    await vi.waitFor(async () => expect(await lastArea()).toBe('encryption'));
  });

  it('sets an application menu with the Edit roles', () => {
    const edit = (MenuMock.application!.template as Item[]).find((m) => m.label === '&Edit')!;
    expect(edit.submenu!.map((i) => i.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('makes the tray and opens the log file only after the first window shows', async () => {
    expect(TrayMock.all).toEqual([]);
    expect(existsSync(logFile())).toBe(false);
    mainWin().emit('ready-to-show');
    await vi.waitFor(() => expect(TrayMock.all).toHaveLength(1));
    expect(tray().toolTip).toBe('Latchkey');
    expect((tray().image as { path: string }).path).toMatch(/assets[\\/]icons[\\/](16x16|32x32)\.png$/);
    expect(trayItem('show').label).toBe('Show Latchkey');
    await vi.waitFor(() => expect(existsSync(logFile())).toBe(true));
  });

  it('a second instance with latchkey://open/storage brings the app forward on Storage', async () => {
    mainWin().focused = false;
    electron.app.emit('second-instance', {}, ['/opt/Latchkey/latchkey', 'latchkey://open/storage'], '/');
    await vi.waitFor(() => expect(shown()).toContain('storage'));
    expect(mainWin().focused).toBe(true);
    expect(await lastArea()).toBe('storage');
  });

  it('an unknown deep link changes nothing, and is logged without its query', async () => {
    const before = mainWin().webContents.sent.length;
    electron.app.emit(
      'second-instance',
      {},
      ['latchkey', 'latchkey://open/nowhere?code=deep-link-secret'],
      '/',
    );
    electron.app.emit('open-url', { preventDefault() {} }, 'latchkey://wipe/all?token=deep-link-secret');
    await new Promise((r) => setTimeout(r, 20));
    expect(
      mainWin()
        .webContents.sent.slice(before)
        .filter(([, name]) => name === 'app.showArea'),
    ).toEqual([]);
    expect(await lastArea()).toBe('storage');
    const text = readFileSync(logFile(), 'utf8');
    expect(text).toContain('deep link ignored (unknown area): latchkey://open/nowhere');
    expect(text).toContain('deep link ignored (unknown link): latchkey://wipe/all');
    expect(text).not.toContain('deep-link-secret');
  });

  it('the tray toggles the floating window, whose context menu has the Edit roles and the way back', async () => {
    trayItem('floating').click!();
    const floating = BrowserWindowMock.all.find((w) => w.options.transparent === true)!;
    expect(floating).toBeDefined();
    expect(trayItem('floating').checked).toBe(true);
    floating.webContents.emit('context-menu', {}, {});
    const popup = MenuMock.popups.at(-1)!;
    expect((popup.options as { window: unknown }).window).toBe(floating);
    const items = popup.menu.template as Item[];
    expect(items.map((i) => i.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    items.find((i) => i.id === 'show')!.click!();
    expect(floating.isDestroyed()).toBe(true);
    expect(trayItem('floating').checked).toBe(false);
  });

  it('Help → Open Logs Folder opens the platform log folder', async () => {
    const help = (MenuMock.application!.template as Item[]).find((m) => m.label === '&Help')!;
    help.submenu!.find((i) => i.id === 'logs')!.click!();
    await vi.waitFor(() => expect(electron.shell.openedPaths).toEqual([electron.app.logs]));
    expect(await call('app.openLogsFolder')).toMatchObject({ ok: true });
  });

  it('Help → About shows the About area', async () => {
    const help = (MenuMock.application!.template as Item[]).find((m) => m.label === '&Help')!;
    help.submenu!.find((i) => i.id === 'about')!.click!();
    await vi.waitFor(() => expect(shown().at(-1)).toBe('about'));
  });

  it('a development build has no updates: the state says so and the menu item tells the user', async () => {
    expect(await call('update.state')).toEqual({
      ok: true,
      value: { status: 'unsupported', reason: 'updates are for the installed app' },
    });
    trayItem('update').click!();
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(1));
    expect(electron.dialog.shown[0]).toMatchObject({ message: expect.stringMatching(/installed app/) });
  });
});
