import { beforeEach, describe, expect, it, vi } from 'vitest';

// Thin stand-in for Electron's ipcMain: it records handlers so the test can invoke them like Electron would.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { bindIpc } = await import('../../../src/main/electron/ipc.ts');
const { testHost } = await import('../../helpers/host.ts');
const { createDispatcher } = await import('../../../src/main/ipc/dispatcher.ts');
const { APP_ORIGIN } = await import('../../../src/main/security/url-policy.ts');
const { METHOD_NAMES, IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

const mainFrame = (url: string) => {
  const frame: { url: string; parent: unknown } = { url, parent: null };
  return frame;
};
const event = (frame: unknown, id = 7) => ({ senderFrame: frame, sender: { id } });

describe('bindIpc', () => {
  const log = { warn: vi.fn(), error: vi.fn() };
  let unbind: () => void;

  beforeEach(async () => {
    handlers.clear();
    const host = await testHost({ transport: 'electron', version: '1.0.0' });
    unbind = bindIpc(createDispatcher(host.handlers, log), [APP_ORIGIN], log);
  });

  const invoke = async (name: string, ev: unknown, ...args: unknown[]) =>
    handlers.get(IPC_CALL_PREFIX + name)!(ev, ...args);

  it('binds exactly the contract methods', () => {
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((n) => IPC_CALL_PREFIX + n).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('serves our own main frame', async () => {
    await expect(invoke('app.info', event(mainFrame(`${APP_ORIGIN}/index.html`)))).resolves.toMatchObject({
      ok: true,
      value: { transport: 'electron' },
    });
  });

  it('refuses a subframe, a foreign page and a destroyed frame before running anything', async () => {
    const sub = { url: `${APP_ORIGIN}/index.html`, parent: mainFrame(`${APP_ORIGIN}/index.html`) };
    for (const ev of [event(sub), event(mainFrame('https://evil.example/')), event(null)]) {
      await expect(invoke('session.set', ev, 'k', 'v')).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(log.warn).toHaveBeenCalledTimes(3);
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('"v"');
  });

  it('refuses bad arguments with a typed error', async () => {
    await expect(invoke('session.set', event(mainFrame(`${APP_ORIGIN}/`)), 123)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });

  it('keeps one session per window', async () => {
    const own = mainFrame(`${APP_ORIGIN}/index.html`);
    await invoke('session.set', event(own, 1), 'k', 'window one');
    await expect(invoke('session.get', event(own, 2), 'k')).resolves.toEqual({ ok: true, value: null });
    await expect(invoke('session.get', event(own, 1), 'k')).resolves.toEqual({
      ok: true,
      value: 'window one',
    });
  });
});
