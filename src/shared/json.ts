import { LIMITS } from './limits.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonCheck =
  | { ok: true; bytes: number }
  /** `size` is set when the value is JSON but too large: its UTF-8 bytes and the limit. */
  | { ok: false; path: string; reason: string; size?: { actual: number; limit: number } };

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that a value survives a JSON round trip unchanged. `JSON.stringify` alone is not enough: it silently
 * drops `undefined` and functions and turns NaN/Infinity into null, which would store something other than
 * what the caller gave us.
 */
export function checkJsonValue(value: unknown, maxBytes: number = LIMITS.maxValueBytes): JsonCheck {
  const stack = new Set<object>();
  const walk = (v: unknown, path: string, depth: number): JsonCheck | null => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return null;
    if (typeof v === 'number') {
      return Number.isFinite(v) ? null : { ok: false, path, reason: `${String(v)} is not a JSON number` };
    }
    if (typeof v !== 'object') return { ok: false, path, reason: `a ${typeof v} is not a JSON value` };
    if (depth > LIMITS.maxValueDepth) {
      return { ok: false, path, reason: `nested deeper than ${LIMITS.maxValueDepth} levels` };
    }
    if (stack.has(v)) return { ok: false, path, reason: 'the value refers to itself (a cycle)' };
    stack.add(v);
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          // Holes in sparse arrays read as undefined, which JSON would turn into null.
          const problem = walk(i in v ? v[i] : undefined, `${path}[${i}]`, depth + 1);
          if (problem) return problem;
        }
        return null;
      }
      if (!isPlainObject(v)) {
        return {
          ok: false,
          path,
          reason: `a ${v.constructor?.name ?? 'non-plain'} object is not a JSON value`,
        };
      }
      for (const [k, child] of Object.entries(v)) {
        const problem = walk(child, `${path}.${k}`, depth + 1);
        if (problem) return problem;
      }
      return null;
    } finally {
      stack.delete(v);
    }
  };
  const problem = walk(value, '', 0);
  if (problem) return problem;
  const bytes = new TextEncoder().encode(JSON.stringify(value)).byteLength;
  if (bytes > maxBytes)
    return {
      ok: false,
      path: '',
      reason: `the value is ${bytes} bytes of JSON, over the limit of ${maxBytes}`,
      size: { actual: bytes, limit: maxBytes },
    };
  return { ok: true, bytes };
}
