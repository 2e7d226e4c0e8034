import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../../src/main/host.ts';
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import { racer } from '../helpers/lock-racer.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const hosts: Host[] = [];
const log = { warn: vi.fn(), error: vi.fn() };
async function setup(dataDir = tempDir()) {
  const host = await createHost({ transport: 'web', version: 't', dataDir, log });
  hosts.push(host);
  return { host, dispatch: createDispatcher(host.handlers, log), ctx: { clientId: 'c1' } };
}
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('client storage through the host gate', () => {
  it('sets and reads back, and tells every window about the change', async () => {
    const { host, dispatch, ctx } = await setup();
    const events: unknown[] = [];
    host.events.attach((name, payload, target) => events.push({ name, payload, target }));
    expect(await dispatch('clientStorage.set', ['k', { a: 1 }], ctx)).toEqual({ ok: true, value: null });
    expect(await dispatch('clientStorage.get', ['k'], ctx)).toEqual({ ok: true, value: { a: 1 } });
    expect(await dispatch('clientStorage.getKeys', [], ctx)).toEqual({ ok: true, value: ['k'] });
    expect(events).toContainEqual({
      name: 'clientStorage.changed',
      payload: { keys: ['k'], cleared: false },
      target: 'all',
    });
  });

  it.each([
    ['an empty key', 'clientStorage.set', ['', 1], 'invalid_argument'],
    ['a number key', 'clientStorage.get', [1], 'invalid_argument'],
    [
      'a cycle',
      'clientStorage.set',
      [
        'k',
        (() => {
          const o: Record<string, unknown> = {};
          o.o = o;
          return o;
        })(),
      ],
      'invalid_argument',
    ],
    ['Infinity', 'clientStorage.set', ['k', Number.POSITIVE_INFINITY], 'invalid_argument'],
    ['a function', 'clientStorage.set', ['k', () => 1], 'invalid_argument'],
    ['undefined', 'clientStorage.set', ['k', undefined], 'invalid_argument'],
    ['an oversized value', 'clientStorage.set', ['k', 'x'.repeat(LIMITS.maxValueBytes)], 'too_large'],
    ['a batch that is not a list', 'clientStorage.setMany', [{ k: 1 }], 'invalid_argument'],
    ['a batch entry without a value', 'clientStorage.setMany', [[['k']]], 'invalid_argument'],
    ['a passphrase that is not a string', 'crypto.encrypt', ['text', 42], 'invalid_argument'],
  ])('refuses %s with a typed error and stores nothing', async (_name, method, args, code) => {
    const { dispatch, ctx } = await setup();
    expect(await dispatch(method, args, ctx)).toMatchObject({ ok: false, error: { code } });
    expect(await dispatch('clientStorage.getKeys', [], ctx)).toEqual({ ok: true, value: [] });
  });

  it('refuses a batch over the entry limit', async () => {
    const { dispatch, ctx } = await setup();
    const entries = Array.from({ length: LIMITS.maxBatchEntries + 1 }, (_, i) => [`k${i}`, i]);
    expect(await dispatch('clientStorage.setMany', [entries], ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });

  it('keeps working when the store is owned by another process: storage answers unavailable, the rest works', async () => {
    const dir = tempDir();
    // Another running process really holds the store's lock.
    const other = racer(path.join(dir, 'client-storage.json.lock'));
    try {
      other.child.stdin!.write('go\n');
      expect(await other.answer).toBe('owner');
      const { dispatch, ctx } = await setup(dir);
      expect(await dispatch('clientStorage.get', ['k'], ctx)).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });
      const status = await dispatch('clientStorage.status', [], ctx);
      expect(status).toMatchObject({
        ok: true,
        value: { error: expect.stringContaining('another Latchkey process') },
      });
      expect(await dispatch('session.set', ['k', 1], ctx)).toEqual({ ok: true, value: null });
    } finally {
      await other.stop();
    }
  });

  it('says why remembered sign-ins are unavailable when the vault cannot open (not "this host")', async () => {
    const dir = tempDir();
    const other = racer(path.join(dir, 'vault.json.lock'));
    try {
      other.child.stdin!.write('go\n');
      expect(await other.answer).toBe('owner');
      const { dispatch, ctx } = await setup(dir);
      expect(await dispatch('auth.vault', [], ctx)).toMatchObject({
        ok: false,
        error: {
          code: 'unavailable',
          message: expect.stringMatching(
            new RegExp(
              `^Remembered sign-ins are unavailable: another Latchkey process \\(pid ${other.child.pid}\\)`,
            ),
          ),
        },
      });
    } finally {
      await other.stop();
    }
  });

  it('has every session look at its expiry again when the page says the network is back', async () => {
    const { SignInService } = await import('../../src/main/auth/sign-in-service.ts');
    const wake = vi.spyOn(SignInService.prototype, 'wake');
    const { dispatch, ctx } = await setup();
    expect(await dispatch('app.networkOnline', [], ctx)).toEqual({ ok: true, value: null });
    expect(wake).toHaveBeenCalledTimes(1);
    wake.mockRestore();
  });

  it('encrypts and decrypts through the gate, with a typed error for a wrong passphrase', async () => {
    const { dispatch, ctx } = await setup();
    const enc = await dispatch('crypto.encrypt', ['hello', 'pw'], ctx);
    expect(enc.ok).toBe(true);
    const token = (enc as { value: string }).value;
    expect(await dispatch('crypto.decrypt', [token, 'pw'], ctx)).toEqual({ ok: true, value: 'hello' });
    expect(await dispatch('crypto.decrypt', [token, 'nope'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'decrypt_failed' },
    });
    // Neither the passphrase nor the text reached a log.
    const logged = JSON.stringify([log.warn.mock.calls, log.error.mock.calls]);
    expect(logged).not.toContain('hello');
    expect(logged).not.toContain('nope');
  });
});
