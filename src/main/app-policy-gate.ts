/** Refuses a host call the app's policy keeps from the page (src/shared/app-policy.ts), with a typed error. */
import { policyRefusal, type AppPolicy } from '../shared/app-policy.ts';
import { HostError } from '../shared/errors.ts';

const WHAT: Record<string, string> = {
  'auth.getAccessToken': 'hand access tokens to its page',
  'auth.exportToken': 'hand tokens (with their refresh token) to its page',
  'auth.importToken': 'sign in from a token its page hands in',
};

/** Throws `forbidden` (details `{reason: 'app_policy', setting}`) unless `policy` allows `method`. */
export function requirePolicy(policy: AppPolicy, method: string): void {
  const setting = policyRefusal(policy, method);
  if (!setting) return;
  throw new HostError(
    'forbidden',
    `This app does not ${WHAT[method] ?? 'allow this call'} (${setting} is off in its app policy).`,
    { details: { reason: 'app_policy', setting } },
  );
}
