import { describe, expect, it, vi } from 'vitest';
import { HostError } from '../../../src/shared/errors.ts';
import { LIMITS } from '../../../src/shared/limits.ts';
import { testHost } from '../../helpers/host.ts';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher.ts';

async function setup(overrides: Partial<Handlers> = {}) {
  const host = await testHost({ version: '1.2.3' });
  const log = { warn: vi.fn(), error: vi.fn() };
  const dispatch = createDispatcher({ ...host.handlers, ...overrides }, log);
  return { dispatch, log, ctx: { clientId: 'client-a' } };
}

describe('dispatcher', () => {
  it('answers a valid call with ok and the value', async () => {
    const { dispatch, ctx } = await setup();
    expect(await dispatch('app.info', [], ctx)).toMatchObject({
      ok: true,
      value: { version: '1.2.3', transport: 'web' },
    });
  });

  it('refuses an unknown method without running anything', async () => {
    const { dispatch, ctx } = await setup();
    expect(await dispatch('fs.readFile', ['/etc/passwd'], ctx)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await dispatch('__proto__', [], ctx)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await dispatch(42, [], ctx)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a non-string key', [5, 'v'], '[0]', 'a key must be a string'],
    ['an empty key', ['', 'v'], '[0]', 'must not be empty'],
    ['a missing value', ['k'], '', 'missing arguments'],
    ['too many arguments', ['k', 1, 2], '', 'too many arguments'],
    ['arguments that are not a list', { 0: 'k' }, '', 'the arguments must be a list'],
  ])('refuses %s with invalid_argument', async (_name, args, path, message) => {
    const { dispatch, ctx } = await setup();
    const result = await dispatch('session.set', args, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', path } });
    expect(!result.ok && result.error.message).toContain(message);
  });

  it('refuses a value JSON cannot hold, naming where', async () => {
    const { dispatch, ctx } = await setup();
    const result = await dispatch('session.set', ['k', { when: Number.NaN }], ctx);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_argument',
        path: '[1]',
        details: { reason: 'not_json', problem: 'NaN is not a JSON number' },
      },
    });
    expect(!result.ok && result.error.message).toContain('.when');
  });

  it('answers too_large for a value over the documented limit', async () => {
    const { dispatch, ctx } = await setup();
    const result = await dispatch('session.set', ['k', 'x'.repeat(LIMITS.maxValueBytes)], ctx);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'too_large',
        details: { limit: LIMITS.maxValueBytes, actual: LIMITS.maxValueBytes + 2 },
      },
    });
  });

  it('passes a HostError’s details through', async () => {
    const { dispatch, ctx } = await setup({
      'session.getKeys': () => {
        throw new HostError('forbidden', 'the saved token has expired', {
          details: { reason: 'saved_token_expired' },
        });
      },
    });
    expect(await dispatch('session.getKeys', [], ctx)).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'the saved token has expired',
        details: { reason: 'saved_token_expired' },
      },
    });
  });

  it('lets crypto.encrypt choose only the iteration count: no salt, IV or time from the caller', async () => {
    const { dispatch, ctx } = await setup();
    for (const extra of [{ salt: 'AAAA' }, { iv: [0, 0] }, { time: 0 }]) {
      const result = await dispatch(
        'crypto.encrypt',
        ['text', 'pass', { iterations: 100_000, ...extra }],
        ctx,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', path: '[2]' } });
    }
  });

  it('passes a HostError from a handler through with its code', async () => {
    const { dispatch, ctx } = await setup({
      'session.getKeys': () => {
        throw new HostError('unavailable', 'store is busy');
      },
    });
    expect(await dispatch('session.getKeys', [], ctx)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'store is busy' },
    });
  });

  it('hides unexpected errors behind internal and logs no arguments', async () => {
    const { dispatch, log, ctx } = await setup({
      'session.set': () => {
        throw new Error('boom');
      },
    });
    const result = await dispatch('session.set', ['secret-key', 'secret-value'], ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('secret-value');
  });
});
