/**
 * The desktop app whose settings.json cannot be read (here it is a folder): start-up goes on with defaults and
 * a note, opens its window and answers IPC; the folder is left as it was. Under the thin Electron stand-in.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

const dataDir = tempDir('electron-settings-dir');
mkdirSync(path.join(dataDir, 'settings.json'));
electron.app.userData = dataDir;
delete process.env.ELECTRON_RENDERER_URL;
const warnings: string[] = [];
const main = await import('../../../src/main/electron/main.ts');
const warn = vi
  .spyOn(main.log, 'warn')
  .mockImplementation((...args: unknown[]) => void warnings.push(String(args[0])));

afterAll(() => {
  warn.mockRestore();
  electron.app.removeAllListeners();
});

describe('desktop start-up with a settings file that cannot be read', () => {
  it('starts with defaults and a note, opens the window and answers IPC', async () => {
    electron.app.readyResolve?.();
    await expect(main.started).resolves.toBeUndefined();
    expect(BrowserWindowMock.all.length).toBeGreaterThan(0);
    expect(electron.app.exitCodes).toEqual([]);
    expect(warnings.some((w) => w.includes('settings.json could not be read (EISDIR)'))).toBe(true);
    const answer = (await electron.ipcMain.handlers.get(`${IPC_CALL_PREFIX}app.settings`)!({
      senderFrame: { url: 'app://latchkey/index.html', parent: null },
      sender: { id: 1 },
    })) as { ok: boolean; value: unknown };
    expect(answer).toEqual({ ok: true, value: { lastArea: null } });
    expect(statSync(path.join(dataDir, 'settings.json')).isDirectory()).toBe(true);
  });
});
