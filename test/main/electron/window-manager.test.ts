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
const { createDispatcher } = await import('../../../src/main/ipc/dispatcher.ts');
const { testHost } = await import('../../helpers/host.ts');

function manager(dir = tempDir('wm')) {
  const emit = vi.fn();
  const replaced: Array<[string, string]> = [];
  const wm = new WindowManager({
    preloadPath: '/p/preload.cjs',
    appUrl: 'app://latchkey/index.html',
    emit,
    onClosed() {},
    onReplaced: (from, to) => void replaced.push([from, to]),
  });
  wm.useSettings(new AppSettings(confSettingsStore(dir)));
  return { wm, emit, dir, replaced };
}
type Win = InstanceType<typeof electron.BrowserWindow>;
const last = (): Win => electron.BrowserWindow.all.at(-1)!;

/** The window manager behind the real host and dispatcher, as the desktop app wires it. */
async function desktop() {
  const m = manager();
  const main = m.wm.createMain() as unknown as Win;
  const host = await testHost({ transport: 'electron', ports: { window: m.wm } });
  const dispatch = createDispatcher(host.handlers);
  const call = (name: string, ...args: unknown[]) => dispatch(name, args, { clientId: idOf(main) });
  return { ...m, main, host, dispatch, call };
}

/** How Electron reads a colour string (electron.d.ts: "Hex format with alpha takes AARRGGBB or ARGB"). */
function asElectronReadsIt(colour: string) {
  const hex = colour.replace('#', '');
  const argb = hex.length === 8 ? hex : `ff${hex}`;
  const byte = (i: number) => parseInt(argb.slice(i, i + 2), 16);
  return { a: byte(0), r: byte(2), g: byte(4), b: byte(6) };
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

describe('background colour as Flet gives it', () => {
  it.each([
    ['#80ff0000', { a: 0x80, r: 0xff, g: 0, b: 0 }, '#80ff0000'],
    ['#1e2127', { a: 0xff, r: 0x1e, g: 0x21, b: 0x27 }, '#ff1e2127'],
    ['red', { a: 0xff, r: 0xff, g: 0, b: 0 }, '#ffff0000'],
    ['CornflowerBlue', { a: 0xff, r: 0x64, g: 0x95, b: 0xed }, '#ff6495ed'],
    ['transparent', { a: 0, r: 0, g: 0, b: 0 }, '#00000000'],
  ])(
    '%s reaches Electron as that colour, and the state reports it alpha first',
    async (given, seen, reported) => {
      const { main, call } = await desktop();
      const answer = await call('window.setBackgroundColor', given);
      expect(asElectronReadsIt(main.backgroundColors.at(-1)!)).toEqual(seen);
      // Electron's getBackgroundColor drops the alpha: the old state said #FF0000 for a half-transparent red.
      expect(answer).toMatchObject({ ok: true, value: { backgroundColor: reported } });
    },
  );

  it('refuses what is not a colour with a message that says which forms are taken, and sets nothing', async () => {
    const { main, call } = await desktop();
    for (const bad of ['#ff00', 'rgb(1,2,3)', '#gg0000', 'not-a-colour']) {
      expect(await call('window.setBackgroundColor', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      });
    }
    const answer = await call('window.setBackgroundColor', '#ff00');
    expect(answer).toMatchObject({ error: { message: expect.stringContaining('#aarrggbb') } });
    expect(main.backgroundColors).toEqual([]);
  });
});

describe("Flet's window properties through window.update", () => {
  it('opacity, size limits, resizable, skip taskbar and progress reach Electron and the state', async () => {
    const { main, call } = await desktop();
    const answer = await call('window.update', {
      opacity: 0.5,
      minWidth: 320,
      minHeight: 200,
      maxWidth: 1600,
      maxHeight: 1000,
      resizable: false,
      skipTaskBar: true,
      progressBar: 0.25,
    });
    expect(main.opacity).toBe(0.5);
    expect(main.getMinimumSize()).toEqual([320, 200]);
    expect(main.getMaximumSize()).toEqual([1600, 1000]);
    expect(main.isResizable()).toBe(false);
    expect(main.skipTaskbar).toBe(true);
    expect(main.progress).toEqual([0.25]);
    expect(answer).toMatchObject({
      ok: true,
      value: {
        opacity: 0.5,
        minWidth: 320,
        minHeight: 200,
        maxWidth: 1600,
        maxHeight: 1000,
        resizable: false,
        skipTaskBar: true,
        progressBar: 0.25,
      },
    });
  });

  it('null takes a limit or the progress bar away; only the properties given change', async () => {
    const { main, call } = await desktop();
    await call('window.update', { maxWidth: 1200, maxHeight: 900, progressBar: 1 });
    const answer = await call('window.update', { maxWidth: null, progressBar: null });
    expect(main.getMaximumSize()).toEqual([0, 900]);
    expect(main.progress).toEqual([1, -1]);
    expect(answer).toMatchObject({ value: { maxWidth: null, maxHeight: 900, progressBar: null } });
  });

  it('refuses a minimum above the maximum the window already has, and changes nothing', async () => {
    const { main, call } = await desktop();
    await call('window.update', { maxWidth: 800 });
    expect(await call('window.update', { minWidth: 900, opacity: 0.3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', path: '[0].minWidth' },
    });
    expect(main.opacity).toBe(1);
  });

  it('full screen goes on and off, with enterFullScreen and leaveFullScreen events', async () => {
    const { main, call, emit } = await desktop();
    expect(await call('window.update', { fullScreen: true })).toMatchObject({ value: { fullScreen: true } });
    await call('window.update', { fullScreen: false });
    const types = emit.mock.calls.filter(([name]) => name === 'window.event').map(([, p]) => p.type);
    expect(types).toEqual(['enterFullScreen', 'leaveFullScreen']);
    expect(main.isFullScreen()).toBe(false);
  });

  it('center() asks Electron to centre the window', async () => {
    const { main, call } = await desktop();
    expect(await call('window.center')).toMatchObject({ ok: true });
    expect(main.centred).toBe(1);
  });

  it('with preventClose a close request becomes closeRequested; the app then closes or destroys', async () => {
    const { wm, main, call, emit } = await desktop();
    await call('window.update', { preventClose: true });
    main.close(); // the title bar's close button
    expect(main.isDestroyed()).toBe(false);
    expect(emit).toHaveBeenCalledWith('window.closeRequested', {}, { clientId: idOf(main) });
    expect(emit).toHaveBeenCalledWith('window.event', { type: 'close' }, { clientId: idOf(main) });
    expect(await call('window.close')).toEqual({ ok: true, value: null });
    expect(main.isDestroyed()).toBe(true);

    const second = wm.createMain() as unknown as Win;
    wm.update(idOf(second), { preventClose: true });
    second.close();
    expect(second.isDestroyed()).toBe(false);
    wm.destroy(idOf(second));
    expect(second.isDestroyed()).toBe(true);
  });

  it('never holds the app open while it quits', async () => {
    const { wm, main, call } = await desktop();
    await call('window.update', { preventClose: true });
    wm.quitting = true;
    main.close();
    expect(main.isDestroyed()).toBe(true);
  });

  it.each([
    ['focus', 'focus'],
    ['blur', 'blur'],
    ['resize', 'resize'],
    ['resized', 'resized'],
    ['move', 'move'],
    ['moved', 'moved'],
    ['maximize', 'maximize'],
    ['unmaximize', 'unmaximize'],
    ['minimize', 'minimize'],
    ['restore', 'restore'],
    ['enter-full-screen', 'enterFullScreen'],
    ['leave-full-screen', 'leaveFullScreen'],
  ])("Electron's %s is window.event %s, to that window only", (electronName, type) => {
    const { wm, emit } = manager();
    const main = wm.createMain();
    (main as unknown as Win).emit(electronName);
    expect(emit).toHaveBeenCalledWith('window.event', { type }, { clientId: idOf(main) });
  });
});

describe('frameless, hidden title bar and transparent: a new window with the same page state', () => {
  it('re-creates the window in the same place with the new style and the other properties kept', async () => {
    const { main, call, replaced } = await desktop();
    main.setBounds({ x: 120, y: 90, width: 900, height: 640 });
    main.visible = true;
    await call('window.update', { opacity: 0.8, minWidth: 500, progressBar: 0.4, preventClose: true });
    await call('window.setBackgroundColor', '#ff102030');
    const answer = await call('window.update', { frameless: true, titleBarHidden: true });
    const next = last();
    expect(next).not.toBe(main);
    expect(next.options).toMatchObject({
      frame: false,
      titleBarStyle: 'hidden',
      transparent: false,
      show: false,
    });
    expect(next.options.webPreferences).toEqual(main.options.webPreferences);
    expect(next.getBounds()).toEqual({ x: 120, y: 90, width: 900, height: 640 });
    expect(next.options).toMatchObject({ opacity: 0.8, minWidth: 500, backgroundColor: '#ff102030' });
    expect(next.progress).toEqual([0.4]);
    expect(next.loaded).toEqual(['app://latchkey/index.html']);
    expect(replaced).toEqual([[idOf(main), idOf(next)]]);
    expect(answer).toMatchObject({
      ok: true,
      value: { frameless: true, titleBarHidden: true, transparent: false, preventClose: true },
    });
    // The old window stays until the new one can be shown: never a moment with neither.
    expect(main.isDestroyed()).toBe(false);
    next.emit('ready-to-show');
    expect(main.isDestroyed()).toBe(true);
    expect(next.isVisible()).toBe(true);
  });

  it('transparent gives the new window a transparent background; the floating window stays the floating one', () => {
    const { wm } = manager();
    wm.createMain();
    wm.openFloating({ area: 'storage' });
    const floating = wm.floating! as unknown as Win;
    wm.update(idOf(floating), { transparent: false });
    const next = last();
    expect(wm.floating).toBe(next);
    expect(next.loaded).toEqual(['app://latchkey/index.html#floating/storage']);
    next.emit('ready-to-show');
    // The old floating window going must not bring the main window back.
    expect(wm.main!.isVisible()).toBe(false);
    wm.update(idOf(next), { transparent: true });
    expect(last().options).toMatchObject({ transparent: true, backgroundColor: '#00000000' });
  });
});

describe('bounds within a display (issue 18)', () => {
  it('clamps setBounds to the work area: 20000×20000 and left −100000 are not kept', async () => {
    electron.screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }];
    const { main, call } = await desktop();
    await call('window.setBounds', { left: 0, top: 0, width: 20_000, height: 20_000 });
    expect(main.getBounds()).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    await call('window.setBounds', { left: -100_000, top: 40, width: 800, height: 600 });
    expect(main.getBounds()).toEqual({ x: 0, y: 40, width: 800, height: 600 });
  });

  it('opens the floating window inside the work area, at the size and with the content the app gives', () => {
    electron.screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }];
    const { wm } = manager();
    wm.createMain();
    wm.openFloating({ left: -100_000, top: 5000, width: 20_000, height: 300, area: 'window' });
    const floating = wm.floating! as unknown as Win;
    expect(floating.getBounds()).toEqual({ x: 0, y: 750, width: 1920, height: 300 });
    expect(floating.loaded).toEqual(['app://latchkey/index.html#floating/window']);
    // Asked again with another size: the open one takes it.
    wm.openFloating({ width: 420, height: 200 });
    expect(floating.getBounds()).toEqual({ x: 0, y: 750, width: 420, height: 200 });
  });

  it('restores saved bounds only inside a display: a saved 20000×20000 window comes back screen-sized', () => {
    electron.screen.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }];
    const { wm, dir } = manager();
    const main = wm.createMain();
    // Saved before clamping existed (or edited by hand): 48 px overlap was enough to keep it.
    main.setBounds({ x: -200, y: -200, width: 20_000, height: 20_000 });
    main.close();
    const restored = manager(dir).wm.createMain();
    expect(restored.getBounds()).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
  });
});
