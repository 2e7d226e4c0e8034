/**
 * Composes the Electron-free services into the handlers the contract names. The Electron entry and the web
 * host both build their host here and differ only in the ports they pass in.
 */
import type { AppInfo } from '../shared/contract.ts';
import type { Handlers } from './ipc/dispatcher.ts';
import { HostEvents } from './events.ts';
import { SessionStorage } from './services/session-storage.ts';

export interface HostOptions {
  transport: AppInfo['transport'];
  version: string;
  dataDir: string;
}

export interface Host {
  handlers: Handlers;
  events: HostEvents;
  /** A window closed or a web page went away. */
  clientClosed(clientId: string): void;
  close(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const events = new HostEvents();
  const session = new SessionStorage();

  const handlers: Handlers = {
    'app.info': () => ({
      name: 'Latchkey',
      version: options.version,
      transport: options.transport,
      platform: process.platform,
    }),
    'session.set': (ctx, key, value) => session.set(ctx.clientId, key, value),
    'session.get': (ctx, key) => session.get(ctx.clientId, key),
    'session.containsKey': (ctx, key) => session.containsKey(ctx.clientId, key),
    'session.remove': (ctx, key) => session.remove(ctx.clientId, key),
    'session.getKeys': (ctx) => session.getKeys(ctx.clientId),
    'session.entries': (ctx) => session.entries(ctx.clientId),
    'session.clear': (ctx) => session.clear(ctx.clientId),
  };

  return {
    handlers,
    events,
    clientClosed: (clientId) => session.drop(clientId),
    close: async () => {
      events.emit('host.closing', { reason: 'the host is shutting down' });
    },
  };
}
