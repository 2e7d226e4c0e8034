import { describe, expect, it } from 'vitest';
import { HostError, readResult, type HostErrorShape } from '../../src/shared/errors.ts';

/** What the renderer rebuilds from an error as a transport delivered it. */
const received = (error: unknown) => HostError.from(error).toJSON();

describe('HostError details', () => {
  it('keeps code, message, path and details through IPC (structured clone) and web mode (JSON)', () => {
    const sent = [
      new HostError('too_large', 'the value is too large', {
        path: '[1]',
        details: { limit: 10, actual: 12 },
      }),
      new HostError('too_large', 'the request is over 10 bytes', { details: { limit: 10 } }),
      new HostError('invalid_argument', 'not JSON', {
        details: { reason: 'not_json', problem: 'NaN is not…' },
      }),
      new HostError('forbidden', 'the saved token could not be refreshed', {
        details: { reason: 'saved_token_expired' },
      }),
      new HostError('unavailable', 'no details at all'),
    ];
    expect(received(structuredClone(sent[0]!.toJSON())).details).toEqual({ limit: 10, actual: 12 });
    for (const error of sent) {
      expect(received(structuredClone(error.toJSON()))).toEqual(error.toJSON());
      expect(received(JSON.parse(JSON.stringify(error)))).toEqual(error.toJSON());
    }
  });

  it.each([
    ['a size that is not a number', 'too_large', { limit: '1 MB', actual: 2 }, undefined],
    ['a negative or fractional size', 'too_large', { limit: -1 }, undefined],
    ['an actual size that is not a count', 'too_large', { limit: 5, actual: 1.5 }, { limit: 5 }],
    ['fields nobody asked for', 'too_large', { limit: 5, actual: 6, html: '<img>' }, { limit: 5, actual: 6 }],
    ['a reason on a too_large error', 'too_large', { reason: 'not_json', problem: 'x' }, undefined],
    ['a size on another code', 'invalid_argument', { limit: 5, actual: 6 }, undefined],
    ['an unknown reason', 'forbidden', { reason: 'drop_tables' }, undefined],
    ['a reason that is not a string', 'forbidden', { reason: { toString: 1 } }, undefined],
    ['not_json without its problem', 'invalid_argument', { reason: 'not_json', problem: 42 }, undefined],
    ['details that are a string', 'too_large', 'limit=5', undefined],
    ['details that are a list', 'too_large', [5, 6], undefined],
    ['details that are null', 'forbidden', null, undefined],
  ])('drops garbled details: %s', (_name, code, details, expected) => {
    const error = HostError.from({ code, message: 'm', details });
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe(code);
    expect(error.details).toEqual(expected);
  });

  it('reads only own fields: a "__proto__" key in the JSON cannot supply a size', () => {
    const error = HostError.from(
      JSON.parse('{"code":"too_large","message":"m","details":{"__proto__":{"limit":5}}}'),
    );
    expect(error.details).toBeUndefined();
  });

  it('bounds what it keeps of a long message or problem', () => {
    const error = HostError.from({
      code: 'invalid_argument',
      message: 'x'.repeat(100_000),
      details: { reason: 'not_json', problem: 'y'.repeat(100_000) },
    });
    expect(error.message.length).toBeLessThan(5000);
    expect(error.details && 'problem' in error.details && error.details.problem.length).toBeLessThan(2000);
  });

  it.each([null, 'boom', 42, [], { code: 7 }, { code: 'rm_rf', message: 'm' }, { message: { a: 1 } }])(
    'turns a malformed error %j into an internal one',
    (shape) => {
      const error = HostError.from(shape);
      expect(error).toBeInstanceOf(HostError);
      expect(error.code).toBe('internal');
      expect(typeof error.message).toBe('string');
    },
  );
});

describe('readResult', () => {
  it('passes a value through and rebuilds an error', () => {
    expect(readResult({ ok: true, value: [1, 'a'] })).toEqual({ ok: true, value: [1, 'a'] });
    const error: HostErrorShape = { code: 'too_large', message: 'm', details: { limit: 1, actual: 2 } };
    expect(readResult({ ok: false, error: { ...error, extra: 'dropped' } })).toEqual({ ok: false, error });
  });

  it.each([null, undefined, 'ok', { ok: 'yes' }, { ok: false }, { ok: false, error: null }])(
    'answers internal for %j',
    (raw) => {
      expect(readResult(raw)).toMatchObject({ ok: false, error: { code: 'internal' } });
    },
  );
});
