import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const m = await import('../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron } = await import('../helpers/electron-mock.ts');
const { METHOD_NAMES, IPC_CALL_PREFIX } = await import('../../src/shared/contract-names.ts');

type Api = Record<string, (...args: unknown[]) => unknown>;
const api = () => electron.contextBridge.exposed.latchkey as Api;
const { invoked, listeners } = electron.ipcRenderer;

describe('preload', () => {
  beforeAll(async () => {
    await import('../../src/preload/index.ts');
  });
  beforeEach(() => void invoked.splice(0));

  it('exposes exactly the contract methods and on, frozen', () => {
    expect(Object.keys(api()).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    expect(Object.isFrozen(api())).toBe(true);
    expect(Object.values(api()).every((v) => typeof v === 'function')).toBe(true);
  });

  it('calls the method channel and nothing else', async () => {
    await api()['session.set']!('k', 1);
    expect(invoked).toEqual([[`${IPC_CALL_PREFIX}session.set`, 'k', 1]]);
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
      expect(await api()[name]!(...args)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', details: { reason: 'needs_user_activation' } },
      });
      expect(invoked).toEqual([]);
    });

    it('passes the call on right after a click or key press', async () => {
      activation.isActive = true;
      await api()['clipboard.write']!('hello');
      expect(invoked).toEqual([[`${IPC_CALL_PREFIX}clipboard.write`, 'hello']]);
    });

    it('never holds back other methods', async () => {
      activation.isActive = false;
      await api()['session.get']!('k');
      expect(invoked).toHaveLength(1);
    });
  });

  it('subscriptions drop the Electron event and return an unsubscribe', () => {
    const on = api().on as (name: string, fn: (p: unknown) => void) => () => void;
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
