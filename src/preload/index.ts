/**
 * Exposes one named function per contract method and `on` for events. The page never sees ipcRenderer or
 * the Electron event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  isEventName,
  METHOD_NAMES,
  type EventName,
} from '../shared/contract-names.ts';
import type { Events } from '../shared/contract.ts';
import type { Result } from '../shared/errors.ts';
import { PRELOAD_GLOBAL } from '../shared/preload-api.ts';
import {
  hasUserActivation,
  needsUserActivationError,
  NEEDS_USER_ACTIVATION,
} from '../shared/user-activation.ts';

const api: Record<string, unknown> = {};
for (const name of METHOD_NAMES) {
  const call = (...args: unknown[]) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, ...args);
  // The clipboard needs a person behind the call. This world is isolated from the page's: its navigator is
  // the frame's own, so a page script cannot fake activation (the main process cannot see it at all).
  api[name] = NEEDS_USER_ACTIVATION.includes(name)
    ? (...args: unknown[]) =>
        hasUserActivation()
          ? call(...args)
          : Promise.resolve<Result<never>>({ ok: false, error: needsUserActivationError() })
    : call;
}
api.on = <E extends EventName>(name: E, listener: (payload: Events[E]) => void): (() => void) => {
  if (!isEventName(name)) throw new TypeError(`unknown Latchkey event ${String(name)}`);
  const handler = (_event: Electron.IpcRendererEvent, eventName: string, payload: Events[E]) => {
    if (eventName === name) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, Object.freeze(api));
