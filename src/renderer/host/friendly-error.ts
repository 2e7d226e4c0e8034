/**
 * Errors in the user's words. The host's messages are precise but technical ("clientStorage.set: not
 * storable as JSON at value: the value is 1100002 bytes of JSON, over the limit of 1048576"); the UI leads
 * with a plain sentence and keeps the technical text one click away. Branches on the error's code and
 * details (the numbers of a size limit, the reason a value is not JSON), never on its message text or on
 * method names, which never reach the UI.
 */
import type { SignInError } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';

export interface FriendlyError {
  /** What to show first. */
  message: string;
  /** The host's own text, for a "Technical detail" disclosure (absent when it adds nothing). */
  detail?: string | undefined;
}

const mb = (bytes: number) => {
  const value = bytes / (1024 * 1024);
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2).replace(/\.?0+$/, '')} MB`;
};

/** Drops a leading method name ("clientStorage.set: ") and the machinery words after it. */
function withoutMethodName(text: string): string {
  return text.replace(/^[a-z][A-Za-z]*\.[A-Za-z]+:\s*/, '');
}

function sentence(text: string): string {
  const t = text.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) + (/[.!?)]$/.test(t) ? '' : '.') : t;
}

/**
 * An error the UI words itself (a browser refusal, a check before the call), with the raw text, when there is
 * one, for "Technical detail".
 */
export class PlainError extends Error {
  readonly detail: string | undefined;
  constructor(message: string, detail?: string) {
    super(message);
    this.detail = detail;
  }
}

export function friendlyError(error: unknown): FriendlyError {
  if (error instanceof PlainError) return { message: error.message, detail: error.detail };
  if (!(error instanceof HostError)) {
    const text = error instanceof Error ? error.message : String(error);
    return { message: sentence(withoutMethodName(text)) };
  }
  // Method names are the host's wiring, not the user's business: not even the detail shows them.
  const plain = withoutMethodName(error.message);
  const detail = plain;
  const details = error.details;
  switch (error.code) {
    case 'too_large':
      if (details && !('reason' in details) && details.actual !== undefined) {
        return {
          message: `This value is ${mb(details.actual)}; the limit is ${mb(details.limit)}.`,
          detail,
        };
      }
      return { message: sentence(plain), detail };
    case 'invalid_argument':
      return {
        message: sentence(
          details && 'reason' in details && details.reason === 'not_json'
            ? `this value cannot be stored: ${details.problem}`
            : plain,
        ),
        detail: undefined,
      };
    case 'unavailable':
      return { message: sentence(plain) };
    case 'internal':
      return {
        message: 'Something went wrong in Latchkey. Try again; if it keeps happening, see the log.',
        detail,
      };
    default:
      return { message: sentence(plain) };
  }
}

/**
 * A sign-in that ended without signing in, as the provider card says it: one first line in plain words, the
 * OAuth error code and the provider's own text under "Technical detail". `access_denied` is what a provider
 * answers when the user presses Cancel (or Deny) on its page: said like a cancel in the app, not as a failure.
 */
export function signInFailure(e: SignInError): FriendlyError & { cancelled: boolean } {
  const detail = e.errorDescription ? `${e.error}: ${e.errorDescription}` : e.error;
  if (e.error === 'access_denied') {
    return { message: 'Sign-in cancelled on the provider’s page.', detail, cancelled: true };
  }
  const what = withoutMethodName(e.errorDescription || e.error);
  return { message: `Sign-in failed: ${sentence(what)}`, detail, cancelled: false };
}
