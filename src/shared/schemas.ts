import { z } from 'zod';
import type { ReasonDetails, SizeDetails } from './errors.ts';
import { checkJsonValue, type JsonValue } from './json.ts';
import { LIMITS } from './limits.ts';

export const StorageKey = z
  .string({ error: 'a key must be a string' })
  .min(1, { error: 'a key must not be empty' })
  .max(LIMITS.maxKeyLength, { error: `a key must be at most ${LIMITS.maxKeyLength} characters` });

/**
 * The host error a schema issue stands for, carried in the issue's `params` so the dispatcher reads a code
 * and details instead of the message.
 */
export type IssueError =
  { code: 'too_large'; details: SizeDetails } | { code: 'invalid_argument'; details: ReasonDetails };

/** Any JSON value, checked for what JSON.stringify would silently change (see checkJsonValue). */
export const JsonValueSchema = z.custom<JsonValue>().superRefine((value, ctx) => {
  const check = checkJsonValue(value);
  if (!check.ok) {
    const error: IssueError = check.size
      ? { code: 'too_large', details: check.size }
      : { code: 'invalid_argument', details: { reason: 'not_json', problem: check.reason } };
    ctx.addIssue({
      code: 'custom',
      message: `not storable as JSON at value${check.path}: ${check.reason}`,
      params: { error },
    });
  }
});

export const Url = z.string().max(8192);
