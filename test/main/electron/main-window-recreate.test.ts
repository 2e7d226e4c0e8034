/**
 * Re-creating a window (frameless, hidden title bar, transparent: styles Electron fixes when it makes one)
 * through the desktop entry as composed, so the page state the host keeps per window is checked end to end.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-recreate');
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');

const ownFrame = { url: 'app://latchkey/index.html', parent: null };
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

describe('a window re-created for a new style', () => {
  it('keeps its session storage and its place, and the old window goes once the new one shows', async () => {
    const [first] = BrowserWindowMock.all;
    const oldId = first!.webContents.id;
    first!.emit('ready-to-show');
    expect(await call('session.set', oldId, 'draft', { text: 'half written' })).toMatchObject({ ok: true });
    // The UI records the area it shows (app.setLastArea); the new window's page opens on it.
    expect(await call('app.setLastArea', oldId, 'window')).toMatchObject({ ok: true });
    expect(
      await call('window.setBounds', oldId, { left: 100, top: 80, width: 900, height: 600 }),
    ).toMatchObject({
      ok: true,
    });

    const answer = await call('window.update', oldId, { frameless: true });
    expect(answer).toMatchObject({ ok: true, value: { frameless: true } });
    const next = BrowserWindowMock.all.at(-1)!;
    expect(next).not.toBe(first);
    expect(next.options).toMatchObject({ frame: false, x: 100, y: 80, width: 900, height: 600 });

    next.emit('ready-to-show');
    expect(first!.isDestroyed()).toBe(true);
    expect(await call('session.get', next.webContents.id, 'draft')).toEqual({
      ok: true,
      value: { text: 'half written' },
    });
    expect(next.loaded).toEqual(first!.loaded);
    expect(await call('app.settings', next.webContents.id)).toMatchObject({
      ok: true,
      value: { lastArea: 'window' },
    });
    // The new window is the one that gets this window's events now.
    next.emit('focus');
    expect(next.webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, 'window.event', { type: 'focus' }]);
  });
});
