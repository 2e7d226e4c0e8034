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
import { PRELOAD_GLOBAL } from '../shared/preload-api.ts';

const api: Record<string, unknown> = {};
for (const name of METHOD_NAMES) {
  api[name] = (...args: unknown[]) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, ...args);
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
