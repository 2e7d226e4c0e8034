/**
 * The desktop entry's start-up and shutdown, run under plain Node against a thin Electron stand-in (as
 * Electron Fiddle tests its main process). The host it composes is the real one, on a real data folder.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { track } from '../../helpers/disposables.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, METHOD_NAMES } =
  await import('../../../src/shared/contract-names.ts');
const { builtPaths } = await import('../../../src/main/electron/built-paths.ts');
const { secureWebPreferences } = await import('../../../src/main/security/window-options.ts');
const { ClientStorage } = await import('../../../src/main/services/storage/client-storage.ts');

const dataDir = tempDir('electron-main');
const signalListeners = new Set(process.listeners('SIGTERM'));
electron.app.userData = dataDir;
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');

const APP = 'app://latchkey/index.html';
const ownFrame = { url: APP, parent: null };
const call = (name: string, senderId: number, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    { senderFrame: ownFrame, sender: { id: senderId } },
    ...args,
  ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

beforeAll(async () => {
  electron.app.readyResolve?.();
  await main.started;
});
afterAll(() => {
  electron.app.removeAllListeners();
});

describe('desktop start-up', () => {
  it('takes the single-instance lock before anything else, and registers the app scheme before ready', () => {
    expect(electron.calls[0]).toBe('app.requestSingleInstanceLock');
    expect(electron.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      electron.calls.indexOf('app.whenReady'),
    );
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('opens the main window with the hardened options and the built preload, on the app protocol', () => {
    const [first] = BrowserWindowMock.all;
    const here = path.dirname(fileURLToPath(new URL('../../../src/main/electron/main.ts', import.meta.url)));
    expect(first!.options.webPreferences).toEqual(secureWebPreferences(builtPaths(here).preload));
    expect(first!.loaded).toEqual([APP]);
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('binds every contract method to ipcMain, each behind the sender check', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      METHOD_NAMES.map((n) => IPC_CALL_PREFIX + n).sort(),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const name of METHOD_NAMES) {
      const refused = await electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!({
        senderFrame: { url: 'https://evil.example/', parent: null },
        sender: { id: 1 },
      });
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(warn).toHaveBeenCalledTimes(METHOD_NAMES.length);
    warn.mockRestore();
  });

  it('sends host events to the app windows only, never to a popup showing another site', async () => {
    const [first] = BrowserWindowMock.all;
    const id = first!.webContents.id;
    expect(await call('link.open', id, 'https://example.org/', { popup: true })).toMatchObject({ ok: true });
    const popup = BrowserWindowMock.all.find((w) => w.loaded.includes('https://example.org/'))!;
    expect(await call('clientStorage.set', id, 'k', 1)).toMatchObject({ ok: true });
    expect(first!.webContents.sent).toContainEqual([
      IPC_EVENT_CHANNEL,
      'clientStorage.changed',
      { keys: ['k'], cleared: false },
    ]);
    expect(popup.webContents.sent).toEqual([]);
  });

  it('copies through the host clipboard (the page itself gets no clipboard permission)', async () => {
    const [first] = BrowserWindowMock.all;
    expect(await call('clipboard.write', first!.webContents.id, 'copied ✓')).toMatchObject({ ok: true });
    expect(electron.clipboard.text).toBe('copied ✓');
    const request = vi.fn();
    electron.session.defaultSession.permissionRequestHandler!(
      first!.webContents,
      'clipboard-sanitized-write',
      request,
    );
    expect(request).toHaveBeenCalledWith(false);
  });

  it('turns SIGTERM into a normal quit (so the flush runs), with a listener that stays', () => {
    // electron-store's atomic-write helper adds one of its own (it re-raises the signal): find ours.
    const added = process
      .listeners('SIGTERM')
      .filter((l) => !signalListeners.has(l) && l.toString().includes('quit'));
    expect(added).toHaveLength(1);
    const before = electron.app.quitCalls;
    // Called directly: emitting a real SIGTERM would also reach that helper, which would kill the test worker.
    (added[0] as () => void)();
    expect(electron.app.quitCalls).toBe(before + 1);
    electron.app.quitCalls = before;
    process.removeListener('SIGTERM', added[0]!);
  });

  it('quits only after the host has closed, and closing the floating window then opens nothing', async () => {
    const [first] = BrowserWindowMock.all;
    expect(await call('window.openFloating', first!.webContents.id)).toMatchObject({ ok: true });
    const floating = BrowserWindowMock.all.find((w) => w.options.transparent === true)!;
    const windowsBefore = BrowserWindowMock.all.length;

    const quitEvent = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    // Electron closes the windows while quitting: main first, then the floating one.
    first!.close();
    floating.close();
    expect(BrowserWindowMock.all.length).toBe(windowsBefore);

    await vi.waitFor(() => expect(electron.app.quitCalls).toBe(1));
    // The host has let go of the data folder: another store can open it now.
    const reopened = track(await ClientStorage.open({ dir: dataDir, log: { warn() {}, error() {} } }));
    expect(reopened.get('k')).toBe(1);
    // The second before-quit (from app.quit) goes through.
    const again = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
