import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Thin stand-ins for the two Electron objects the preload touches.
const exposed: Record<string, Record<string, unknown>> = {};
const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
const listeners = new Set<(...args: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
  ipcRenderer: {
    invoke,
    on: (_channel: string, fn: (...args: unknown[]) => void) => listeners.add(fn),
    removeListener: (_channel: string, fn: (...args: unknown[]) => void) => listeners.delete(fn),
  },
}));

const { METHOD_NAMES, IPC_CALL_PREFIX } = await import('../../src/shared/contract-names.ts');

describe('preload', () => {
  beforeAll(async () => {
    await import('../../src/preload/index.ts');
  });

  it('exposes exactly the contract methods and on, frozen', () => {
    const api = exposed.latchkey!;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('calls the method channel and nothing else', async () => {
    await (exposed.latchkey!['session.set'] as (...a: unknown[]) => Promise<unknown>)('k', 1);
    expect(invoke).toHaveBeenCalledWith(`${IPC_CALL_PREFIX}session.set`, 'k', 1);
  });

  // The red-team finding: clipboard.read answered any page script, with no user action at all.
  describe('the clipboard needs a person behind the call (transient user activation)', () => {
    const activation = { isActive: false };
    beforeAll(() => {
      // The isolated world's own navigator: Chromium's per-frame activation, which page script cannot set.
      vi.stubGlobal('navigator', { userActivation: activation });
    });
    afterAll(() => vi.unstubAllGlobals());

    it.each([
      ['clipboard.read', []],
      ['clipboard.write', ['secret replaced']],
    ])('refuses %s without activation, without asking the host', async (name, args) => {
      activation.isActive = false;
      invoke.mockClear();
      const call = exposed.latchkey![name] as (...a: unknown[]) => Promise<unknown>;
      expect(await call(...args)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', details: { reason: 'needs_user_activation' } },
      });
      expect(invoke).not.toHaveBeenCalled();
    });

    it('passes the call on right after a click or key press', async () => {
      activation.isActive = true;
      invoke.mockClear();
      await (exposed.latchkey!['clipboard.write'] as (...a: unknown[]) => Promise<unknown>)('hello');
      expect(invoke).toHaveBeenCalledWith(`${IPC_CALL_PREFIX}clipboard.write`, 'hello');
    });

    it('never holds back other methods', async () => {
      activation.isActive = false;
      invoke.mockClear();
      await (exposed.latchkey!['session.get'] as (...a: unknown[]) => Promise<unknown>)('k');
      expect(invoke).toHaveBeenCalledTimes(1);
    });
  });

  it('subscriptions drop the Electron event and return an unsubscribe', () => {
    const on = exposed.latchkey!.on as (name: string, fn: (p: unknown) => void) => () => void;
    const seen: unknown[] = [];
    const off = on('host.closing', (payload) => seen.push(payload));
    for (const l of listeners) l({ sender: 'electron-event' }, 'host.closing', { reason: 'bye' });
    for (const l of listeners) l({ sender: 'electron-event' }, 'other.event', { reason: 'no' });
    expect(seen).toEqual([{ reason: 'bye' }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => on('not.an.event', () => {})).toThrow(TypeError);
  });
});
