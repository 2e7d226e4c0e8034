/**
 * A start-up that fails for any reason after ready never leaves a rejected `started`, a lingering process or
 * a held single-instance lock: one plain dialog with the technical detail, the lock released, exit 1.
 * Under the thin Electron stand-in; the failure is Electron's own getVersion throwing.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron } = await import('../../helpers/electron-mock.ts');

electron.app.userData = tempDir('electron-start-failure');
const realVersion = electron.app.getVersion;
electron.app.getVersion = () => {
  throw new Error('the version could not be read');
};
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');
const errors = vi.spyOn(main.log, 'error').mockImplementation(() => undefined);

afterAll(() => {
  errors.mockRestore();
  electron.app.getVersion = realVersion;
  electron.app.removeAllListeners();
});

describe('desktop start-up that fails', () => {
  it('resolves, tells the person, releases the single-instance lock and exits 1', async () => {
    electron.app.readyResolve?.();
    await expect(main.started).resolves.toBeUndefined();
    expect(electron.dialog.errorBoxes).toEqual([
      {
        title: 'Latchkey could not start',
        content: expect.stringContaining('Technical detail: the version could not be read'),
      },
    ]);
    expect(electron.calls).toContain('app.releaseSingleInstanceLock');
    expect(electron.calls.indexOf('app.releaseSingleInstanceLock')).toBeLessThan(
      electron.calls.lastIndexOf('app.exit'),
    );
    expect(electron.app.exitCodes).toEqual([1]);
  });
});
