/**
 * A packaged app ignores development switches: ELECTRON_RENDERER_URL neither changes what the window loads
 * nor lets that origin call the host (it would hand out tokens to whoever set the variable).
 */
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-packaged');
electron.app.isPackaged = true;
process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:9/';
const main = await import('../../../src/main/electron/main.ts');
electron.app.readyResolve?.();
await main.started;
delete process.env.ELECTRON_RENDERER_URL;

describe('a packaged app', () => {
  it('registers itself as the handler of its deep-link scheme', () => {
    expect(electron.app.protocolClients).toContain('latchkey');
  });

  it('loads its own page, not the one ELECTRON_RENDERER_URL names', () => {
    expect(BrowserWindowMock.all[0]!.loaded).toEqual(['app://latchkey/index.html']);
  });

  it('refuses host calls from the origin ELECTRON_RENDERER_URL names', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answer = await electron.ipcMain.handlers.get(`${IPC_CALL_PREFIX}auth.exportToken`)!(
      { senderFrame: { url: 'http://127.0.0.1:9/', parent: null }, sender: { id: 1 } },
      'demo',
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(warn).toHaveBeenCalledWith('latchkey: refused auth.exportToken from an untrusted sender');
    warn.mockRestore();
  });
});
