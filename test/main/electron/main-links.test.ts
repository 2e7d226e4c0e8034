/**
 * Links through the real desktop entry and a thin Electron stand-in: the schemes reach shell.openExternal,
 * link.canOpen asks the OS (app.getApplicationNameForProtocol), and link.open and the page's own window.open
 * share one budget per window.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-main-links');
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');

const ownFrame = { url: 'app://latchkey/index.html', parent: null };
const call = (name: string, senderId: number, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    { senderFrame: ownFrame, sender: { id: senderId } },
    ...args,
  ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; details?: unknown } }>;

beforeAll(async () => {
  electron.app.readyResolve?.();
  await main.started;
});
afterAll(() => {
  electron.app.removeAllListeners();
});

const mainWindow = () => BrowserWindowMock.all[0]!;

describe('links in the desktop app', () => {
  it('hands tel: and sms: links to the OS', async () => {
    const id = mainWindow().webContents.id;
    expect(await call('link.open', id, 'tel:+15551234567')).toMatchObject({
      ok: true,
      value: { openedIn: 'browser' },
    });
    expect(await call('link.open', id, 'sms:+15551234567?body=hi')).toMatchObject({ ok: true });
    expect(electron.shell.opened).toEqual(['tel:+15551234567', 'sms:+15551234567?body=hi']);
  });

  it("answers link.canOpen from the OS's handler for the scheme", async () => {
    const id = mainWindow().webContents.id;
    electron.app.protocolApps = { tel: 'GNOME Calls' };
    expect(await call('link.canOpen', id, 'tel:+15551234567')).toEqual({ ok: true, value: true });
    expect(await call('link.canOpen', id, 'sms:+15551234567')).toEqual({ ok: true, value: false });
    electron.app.protocolApps = { sms: 'Messages', file: 'Files' };
    expect(await call('link.canOpen', id, 'sms:+15551234567')).toEqual({ ok: true, value: true });
    // A handler on the OS never makes a scheme the policy refuses openable.
    expect(await call('link.canOpen', id, 'file:///etc/passwd')).toEqual({ ok: true, value: false });
  });

  it("spends one budget per window on link.open and the page's own window.open", async () => {
    const win = mainWindow();
    const before = electron.shell.opened.length; // two opens of this window's 10 are spent above
    const results = [];
    for (let i = 0; i < 9; i++)
      results.push(await call('link.open', win.webContents.id, `https://example.org/${i}`));
    expect(results.filter((r) => r.ok)).toHaveLength(8);
    expect(results.at(-1)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'rate_limited' } },
    });
    // Past the budget, the page's own window.open opens nothing either.
    win.webContents.windowOpenHandler!({ url: 'https://flood.example/' });
    expect(electron.shell.opened.slice(before)).toHaveLength(8);
    expect(electron.shell.opened).not.toContain('https://flood.example/');
  });

  it('a site in an in-app popup opens no system-browser tab', async () => {
    const other = new BrowserWindowMock();
    expect(
      await call('link.open', other.webContents.id, 'https://popup.example/', { popup: true }),
    ).toMatchObject({ ok: true, value: { openedIn: 'popup' } });
    const popup = BrowserWindowMock.all.find((w) => w.loaded.includes('https://popup.example/'))!;
    const before = electron.shell.opened.length;
    for (let i = 0; i < 5; i++) {
      expect(popup.webContents.windowOpenHandler!({ url: `https://tabs.example/${i}` })).toEqual({
        action: 'deny',
      });
    }
    expect(electron.shell.opened.length).toBe(before);
  });
});
