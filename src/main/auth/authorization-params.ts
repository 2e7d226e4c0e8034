/**
 * What goes on the authorization request beside the flow's own parameters: the provider type's fixed ones
 * (Google's access_type=offline), the prompt for "Add another account" and Google's consent, the entry's and
 * the call's `authorizationParams` (login_hint, prompt, max_age, acr_values, ui_locales, domain_hint, …),
 * and a login hint for signing in again as a known account. Later wins: type < entry < computed < call, so
 * an entry's default `prompt` or `login_hint` never undoes "Add another account", Google's consent for an
 * account without a refresh token, or the hint for the account being signed in again; a call says last.
 * The flow's own parameters can never be set this way: they are what keeps the sign-in safe. Pure.
 */
import type { UserProfile } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';
import { authorizationParamsProblem } from '../../shared/authorization-params.ts';
import type { ProviderRuntime } from './providers/types.ts';

function checked(params: Record<string, string> | undefined, where: string): Record<string, string> {
  if (!params) return {};
  const problem = authorizationParamsProblem(params);
  if (problem) throw new HostError('invalid_argument', `authorizationParams (${where}): ${problem}`);
  return params;
}

/** The `prompt` a provider type asks with, given what this sign-in is for. */
export interface PromptRequest {
  /** "Add another account": let the user pick or enter another account. */
  addAccount: boolean;
  /** The account this sign-in is for has a refresh token already. */
  hasRefreshToken: boolean;
}

export function authorizationParamsFor(
  runtime: ProviderRuntime,
  request: PromptRequest & {
    call?: Record<string, string> | undefined;
    loginHint?: string | undefined;
  },
): Record<string, string> {
  const prompt = runtime.prompt(request);
  return {
    ...runtime.authorizationParams(),
    ...checked(runtime.flow.authorizationParams, 'providers file'),
    ...(prompt ? { prompt } : {}),
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    ...checked(request.call, 'this call'),
  };
}

/** The hint for signing in again as an account: its e-mail or login, as providers take login_hint. */
export function loginHintOf(user: UserProfile | null): string | undefined {
  const preferred = user?.claims?.['preferred_username'];
  return user?.email ?? (typeof preferred === 'string' ? preferred : undefined) ?? user?.login;
}

/** The scopes of `wanted` that `granted` lacks, once each, in the order wanted. */
export function missingScopes(granted: readonly string[], wanted: readonly string[]): string[] {
  const have = new Set(granted);
  return [...new Set(wanted.filter((s) => !have.has(s)))];
}
