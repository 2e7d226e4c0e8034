/**
 * Which extra authorization parameters (`authorizationParams`, in the providers file and on auth.signIn) may
 * be sent: any provider-defined one, never those the flow sets itself. One rule and one schema for it: the
 * providers-file schema, the contract and the sign-in (src/main/auth/authorization-params.ts) all use them.
 */
import { z } from 'zod';

/** Parameters the flow sets itself (PKCE, state, nonce, where the code goes, what is asked for). */
export const RESERVED_AUTHORIZATION_PARAMS = [
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'redirect_uri',
  'client_id',
  'response_type',
  'response_mode',
  'scope',
  'request',
  'request_uri',
] as const;

export const MAX_AUTHORIZATION_PARAMS = 20;
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const MAX_VALUE = 2048;

/** The parameters' problem in plain words, or null when they may be sent. */
export function authorizationParamsProblem(params: Record<string, unknown>): string | null {
  const names = Object.keys(params);
  if (names.length > MAX_AUTHORIZATION_PARAMS)
    return `at most ${MAX_AUTHORIZATION_PARAMS} authorization parameters`;
  for (const name of names) {
    if ((RESERVED_AUTHORIZATION_PARAMS as readonly string[]).includes(name.toLowerCase()))
      return `"${name}" is set by the sign-in itself and cannot be changed (reserved: ${RESERVED_AUTHORIZATION_PARAMS.join(', ')})`;
    if (!NAME.test(name)) return `"${name.slice(0, 64)}" is not a parameter name (letters, digits, _ . -)`;
    const value = params[name];
    if (typeof value !== 'string') return `the value of "${name}" must be a string`;
    if (value.length > MAX_VALUE) return `the value of "${name}" is longer than ${MAX_VALUE} characters`;
  }
  return null;
}

/** The `authorizationParams` field, checked by the rule above (a function: built only when something is checked). */
export const authorizationParamsSchema = () =>
  z.record(z.string(), z.string({ error: 'each value must be a string' })).superRefine((params, ctx) => {
    const problem = authorizationParamsProblem(params);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
