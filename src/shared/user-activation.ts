/**
 * Calls that need a person behind them: the clipboard may be read or written only during transient user
 * activation (a click or key press in the app in the last few seconds, Chromium's `navigator.userActivation`).
 * The desktop preload checks it in its isolated world, where page script can neither see nor fake the check;
 * web mode checks it in the page before the browser's own clipboard rules apply (README "Clipboard").
 */
import type { HostErrorShape } from './errors.ts';

export const NEEDS_USER_ACTIVATION: readonly string[] = ['clipboard.read', 'clipboard.write'];

/** Whether the frame has transient user activation now; false where the browser cannot say (or no browser). */
export function hasUserActivation(source: object | undefined = globalThis.navigator): boolean {
  const activation = (source as { userActivation?: { isActive?: unknown } } | undefined)?.userActivation;
  return activation?.isActive === true;
}

/** The refusal: `forbidden`, reason `needs_user_activation`. */
export function needsUserActivationError(): HostErrorShape {
  return {
    code: 'forbidden',
    message:
      'The clipboard can be used only right after you click or press a key in the app. Try the button again.',
    details: { reason: 'needs_user_activation' },
  };
}
