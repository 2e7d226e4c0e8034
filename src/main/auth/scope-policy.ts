/**
 * Scopes a call may add to a sign-in (`auth.signIn`'s `scopes`), limited to the provider entry's
 * `allowedExtraScopes` (default none). The entry's own `scopes` are the app's choice and always asked for;
 * what a page asks for on top must be on the list, so a script on the page cannot widen the grant
 * (`delete_repo`, `admin:org`) behind the user's back.
 */
import { HostError } from '../../shared/errors.ts';

/** The scopes of `asked` that `allowed` does not list, in the order asked, once each. */
export function scopesNotAllowed(allowed: readonly string[], asked: readonly string[]): string[] {
  const ok = new Set(allowed);
  return [...new Set(asked.filter((scope) => !ok.has(scope)))];
}

/** Throws `forbidden` (details `{reason: 'scope_not_allowed', scopes}`) when a scope asked for is not allowed. */
export function requireAllowedScopes(
  providerName: string,
  allowed: readonly string[],
  asked: readonly string[] | undefined,
): void {
  const refused = scopesNotAllowed(allowed, asked ?? []);
  if (refused.length === 0) return;
  throw new HostError(
    'forbidden',
    `${providerName} sign-in may not ask for ${refused.join(' ')}: ` +
      (allowed.length
        ? `this provider's entry allows only ${allowed.join(' ')} as extra scopes (allowedExtraScopes)`
        : "this provider's entry allows no extra scopes (allowedExtraScopes)"),
    { details: { reason: 'scope_not_allowed', scopes: refused } },
  );
}
