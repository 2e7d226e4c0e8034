import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher.ts';
import type { WindowState } from '../../../src/shared/window-types.ts';
import { testHost } from '../../helpers/host.ts';
import type { WindowPort } from '../../../src/main/window/window-port.ts';

/** A window port that records calls: what the Electron adapter would be asked to do. */
function recordingPort() {
  const calls: unknown[][] = [];
  const state: WindowState = {
    focused: true,
    maximized: false,
    minimized: false,
    alwaysOnTop: false,
    bounds: { left: 1, top: 2, width: 3, height: 4 },
    backgroundColor: '#ff000000',
    floating: false,
    opacity: 1,
    minWidth: null,
    minHeight: null,
    maxWidth: null,
    maxHeight: null,
    resizable: true,
    fullScreen: false,
    preventClose: false,
    skipTaskBar: false,
    progressBar: null,
    frameless: false,
    titleBarHidden: false,
    transparent: false,
  };
  const port: WindowPort = {
    state: () => state,
    toFront: (...a) => void calls.push(['toFront', ...a]),
    minimize: (...a) => void calls.push(['minimize', ...a]),
    toggleMaximize: (...a) => void calls.push(['toggleMaximize', ...a]),
    close: (...a) => void calls.push(['close', ...a]),
    destroy: (...a) => void calls.push(['destroy', ...a]),
    update: (...a) => (calls.push(['update', ...a]), state),
    center: (...a) => void calls.push(['center', ...a]),
    setBounds: (...a) => void calls.push(['setBounds', ...a]),
    setAlwaysOnTop: (...a) => void calls.push(['setAlwaysOnTop', ...a]),
    setBackgroundColor: (...a) => void calls.push(['setBackgroundColor', ...a]),
    openFloating: (...a) => void calls.push(['openFloating', ...a]),
    closeFloating: () => void calls.push(['closeFloating']),
    readClipboard: async () => 'from clipboard',
    writeClipboard: async (t) => void calls.push(['writeClipboard', t]),
    openUrl: async (url, o) => (calls.push(['openUrl', url, o]), o.popup ? 'popup' : 'browser'),
    closeInAppWebView: () => true,
  };
  return { port, calls };
}

describe('window methods in web mode', () => {
  it('answer unsupported with what the browser can do instead', async () => {
    const host = await testHost();
    const dispatch = createDispatcher(host.handlers);
    const ctx = { clientId: 'page-1' };
    expect(await dispatch('window.capabilities', [], ctx)).toEqual({
      ok: true,
      value: {
        transport: 'web',
        windowControls: false,
        floating: false,
        alwaysOnTop: false,
        clipboard: true,
        inAppPopups: true,
      },
    });
    const floating = await dispatch('window.openFloating', [], ctx);
    expect(floating).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringContaining('floating') },
    });
    expect(await dispatch('window.setAlwaysOnTop', [true], ctx)).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
    expect(await dispatch('clipboard.read', [], ctx)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('navigator.clipboard') },
    });
  });
});

describe('window methods with a window port (desktop)', () => {
  it('pass validated arguments to the port for the calling window', async () => {
    const { port, calls } = recordingPort();
    const host = await testHost({ transport: 'electron', ports: { window: port } });
    const dispatch = createDispatcher(host.handlers);
    const ctx = { clientId: 'window-7' };
    expect(await dispatch('window.setBounds', [{ left: 10, width: 300 }], ctx)).toMatchObject({
      ok: true,
      value: { focused: true },
    });
    await dispatch('window.setAlwaysOnTop', [true], ctx);
    await dispatch('window.setBackgroundColor', ['#801e2127'], ctx);
    await dispatch('window.openFloating', [{ left: 5, top: 6 }], ctx);
    expect(await dispatch('clipboard.read', [], ctx)).toEqual({ ok: true, value: 'from clipboard' });
    await dispatch('clipboard.write', ['hello'], ctx);
    expect(
      await dispatch('link.open', ['https://example.com/', { popup: true, target: 'docs', width: 500 }], ctx),
    ).toEqual({
      ok: true,
      value: { openedIn: 'popup' },
    });
    expect(calls).toEqual([
      ['setBounds', 'window-7', { left: 10, width: 300 }],
      ['setAlwaysOnTop', 'window-7', true],
      // Eight digits are alpha first (Flet's order): the port gets the colour, parsed once.
      ['setBackgroundColor', 'window-7', { a: 0x80, r: 0x1e, g: 0x21, b: 0x27 }],
      ['openFloating', { left: 5, top: 6 }],
      ['writeClipboard', 'hello'],
      ['openUrl', 'https://example.com/', { popup: true, target: 'docs', width: 500 }],
    ]);
  });

  it.each([
    ['javascript:alert(1)', undefined, 'links can be opened, not javascript:'],
    ['file:///etc/passwd', undefined, 'links can be opened, not file:'],
    ['ms-settings:privacy', undefined, 'links can be opened, not ms-settings:'],
    ['mailto:a@example.com', { popup: true }, 'cannot open in a popup'],
  ])('refuse %s with a clear error and open nothing', async (url, options, message) => {
    const { port, calls } = recordingPort();
    const host = await testHost({ transport: 'electron', ports: { window: port } });
    const result = await createDispatcher(host.handlers)('link.open', options ? [url, options] : [url], {
      clientId: 'w',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining(message) },
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['window.setBounds', [{ width: 10 }]],
    ['window.setBounds', [{ left: 'far' }]],
    ['window.setBounds', [{ depth: 3 }]],
    ['window.setBackgroundColor', ['reddish']],
    ['window.setBackgroundColor', ['#12345']],
    ['window.update', [{ opacity: 2 }]],
    ['window.update', [{ minWidth: 900, maxWidth: 600 }]],
    ['window.update', [{ frame: false }]],
    ['window.openFloating', [{ area: '../etc' }]],
    ['link.open', ['https://example.com/', { target: '../x' }]],
    ['link.open', ['https://example.com/', { width: 1e9 }]],
  ])('refuse bad arguments to %s', async (method, args) => {
    const { port, calls } = recordingPort();
    const host = await testHost({ transport: 'electron', ports: { window: port } });
    expect(await createDispatcher(host.handlers)(method, args, { clientId: 'w' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(calls).toEqual([]);
  });
});
