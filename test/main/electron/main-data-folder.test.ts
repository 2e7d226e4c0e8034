/**
 * The desktop app on a data folder that cannot work (here its userData is a file): one dialog naming the
 * folder and the fix, exit 1, and nothing else started (no window, no host). Under the thin Electron stand-in.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');

const file = path.join(tempDir('electron-bad-folder'), 'Latchkey');
writeFileSync(file, 'a file where the data folder should be');
electron.app.userData = file;
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');

afterAll(() => {
  electron.app.removeAllListeners();
});

describe('desktop start-up on a data folder that cannot work', () => {
  it('shows one dialog naming the folder and the fix, exits 1, and opens no window', async () => {
    electron.app.readyResolve?.();
    await main.started;
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'Latchkey cannot start',
        content: `Cannot use ${file} as the data folder: it is a file, not a folder.\n\nTo fix it: move or rename that file.`,
      },
    ]);
    expect(electron.app.exitCodes).toEqual([1]);
    expect(BrowserWindowMock.all).toEqual([]);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});
