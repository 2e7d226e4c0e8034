import { z } from 'zod';
import { checkJsonValue, type JsonValue } from './json.ts';
import { LIMITS } from './limits.ts';

export const StorageKey = z
  .string({ error: 'a key must be a string' })
  .min(1, { error: 'a key must not be empty' })
  .max(LIMITS.maxKeyLength, { error: `a key must be at most ${LIMITS.maxKeyLength} characters` });

/** Any JSON value, checked for what JSON.stringify would silently change (see checkJsonValue). */
export const JsonValueSchema = z.custom<JsonValue>().superRefine((value, ctx) => {
  const check = checkJsonValue(value);
  if (!check.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `not storable as JSON at value${check.path}: ${check.reason}`,
      params: { tooLarge: check.reason.includes('over the limit') },
    });
  }
});

export const Url = z.string().max(8192);
