import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron } = await import('../../helpers/electron-mock.ts');
const { WindowManager } = await import('../../../src/main/electron/window-manager.ts');
const { AppSettings } = await import('../../../src/main/settings/app-settings.ts');
const { confSettingsStore } = await import('../../../src/main/settings/conf-store.ts');
const { HostError } = await import('../../../src/shared/errors.ts');

function manager(dir = tempDir('wm')) {
  const emit = vi.fn();
  const wm = new WindowManager({
    preloadPath: '/p/preload.cjs',
    appUrl: 'app://latchkey/index.html',
    emit,
    onClosed() {},
  });
  wm.useSettings(new AppSettings(confSettingsStore(dir)));
  return { wm, emit, dir };
}
const idOf = (win: { webContents: { id: number } }) => `window-${win.webContents.id}`;

function thrown(fn: () => unknown): InstanceType<typeof HostError> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HostError);
    return error as InstanceType<typeof HostError>;
  }
  throw new Error('expected a HostError');
}

describe('WindowManager', () => {
  it('answers typed errors: a closed window is not_found, maximising the floating window unsupported, a file: link invalid', async () => {
    const { wm } = manager();
    const main = wm.createMain();
    wm.openFloating({});
    const floating = wm.floating!;
    expect(thrown(() => wm.toggleMaximize(idOf(floating))).code).toBe('unsupported');
    main.close();
    expect(thrown(() => wm.state(idOf(main))).code).toBe('not_found');
    await expect(wm.openUrl('file:///etc/passwd', {})).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('keeps popups out of the app windows that get host events', async () => {
    const { wm } = manager();
    const main = wm.createMain();
    await wm.openUrl('https://example.org/', { popup: true, target: 'docs' });
    expect(wm.appWindows()).toEqual([main]);
  });

  it('remembers where the main and floating windows were, and whether they stayed on top', () => {
    const { wm, dir } = manager();
    const main = wm.createMain();
    main.setBounds({ x: 300, y: 200, width: 900, height: 650 });
    main.setAlwaysOnTop(true);
    wm.openFloating({});
    wm.floating!.setBounds({ x: 1500, y: 40, width: 240, height: 96 });
    wm.quitting = true;
    wm.floating!.close();
    main.close();

    const again = manager(dir).wm;
    const restored = again.createMain();
    expect(restored.getBounds()).toEqual({ x: 300, y: 200, width: 900, height: 650 });
    expect(restored.isAlwaysOnTop()).toBe(true);
    again.openFloating({});
    expect(again.floating!.getBounds()).toEqual({ x: 1500, y: 40, width: 240, height: 96 });
  });

  it('pulls a window saved on a display that is gone back onto the screen', () => {
    const { wm, dir } = manager();
    const main = wm.createMain();
    // Last used on a second monitor to the right, since unplugged.
    main.setBounds({ x: 2500, y: 300, width: 1000, height: 700 });
    main.close();
    electron.screen.displays = [{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }];
    const restored = manager(dir).wm.createMain();
    expect(restored.getBounds()).toEqual({ x: 280, y: 100, width: 1000, height: 700 });
  });

  it('brings the main window back when the floating window closes, but not while quitting', () => {
    const { wm } = manager();
    const main = wm.createMain();
    wm.openFloating({});
    main.hide();
    wm.floating!.close();
    expect(main.isVisible()).toBe(true);

    wm.openFloating({});
    wm.quitting = true;
    main.close();
    wm.floating!.close();
    expect(wm.main).toBeNull();
  });
});
