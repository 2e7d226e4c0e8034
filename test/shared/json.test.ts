import { describe, expect, it } from 'vitest';
import { checkJsonValue } from '../../src/shared/json.ts';

describe('checkJsonValue', () => {
  it.each([null, true, 0, -1.5, '', 'text ✓', [], {}, { a: [1, { b: null }] }])('accepts %j', (value) => {
    const check = checkJsonValue(value);
    expect(check).toEqual({ ok: true, bytes: new TextEncoder().encode(JSON.stringify(value)).byteLength });
  });

  it.each([
    ['undefined', undefined, 'a undefined'],
    ['a function', () => 1, 'a function'],
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['a bigint', 10n, 'a bigint'],
    ['a Date', new Date(0), 'Date'],
    ['a Map', new Map(), 'Map'],
  ])('refuses %s', (_name, value, reason) => {
    const check = checkJsonValue(value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });

  it('names the path of a nested problem', () => {
    expect(checkJsonValue({ list: [1, { deep: undefined }] })).toMatchObject({
      ok: false,
      path: '.list[1].deep',
    });
  });

  it('refuses sparse arrays, which JSON would fill with null', () => {
    const sparse: unknown[] = [];
    sparse[2] = 1;
    expect(checkJsonValue(sparse)).toMatchObject({ ok: false, path: '[0]' });
  });

  it('refuses cycles without overflowing the stack', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(checkJsonValue(a)).toMatchObject({ ok: false, reason: expect.stringContaining('cycle') });
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(checkJsonValue([shared, shared]).ok).toBe(true);
  });

  it('refuses deep nesting', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100; i++) v = [v];
    expect(checkJsonValue(v)).toMatchObject({ ok: false, reason: expect.stringContaining('deeper') });
  });

  it('measures size in UTF-8 bytes against the limit', () => {
    expect(checkJsonValue('é'.repeat(10), 22).ok).toBe(true); // 20 bytes + 2 quotes
    expect(checkJsonValue('é'.repeat(10), 21)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('over the limit'),
    });
  });
});
