import type { EventName, Events, MethodName } from './contract.ts';
import type { Result } from './errors.ts';

/**
 * What the preload script puts on `window.latchkey`: one named function per contract method, plus `on` for
 * events, which returns its unsubscribe. No raw IPC object ever reaches the page.
 */
export type PreloadApi = { readonly [K in MethodName]: (...args: unknown[]) => Promise<Result<unknown>> } & {
  readonly on: <E extends EventName>(name: E, listener: (payload: Events[E]) => void) => () => void;
};

export const PRELOAD_GLOBAL = 'latchkey';
