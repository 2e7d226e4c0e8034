/**
 * The runtime-free half of the contract: the names of every host method and event and the IPC channels.
 * Preload and renderer import only this (and types), so neither bundles zod; the argument schemas live in
 * contract.ts, which only the host's dispatcher loads. contract.ts checks at compile time that the names
 * here are exactly its methods and events.
 */

export const METHOD_NAMES = [
  'app.info',
  'app.settings',
  'app.setLastArea',
  'app.openLogsFolder',
  'app.networkOnline',
  'update.state',
  'update.check',
  'update.install',
  'session.set',
  'session.get',
  'session.containsKey',
  'session.remove',
  'session.getKeys',
  'session.entries',
  'session.clear',
  'clientStorage.set',
  'clientStorage.setMany',
  'clientStorage.get',
  'clientStorage.containsKey',
  'clientStorage.remove',
  'clientStorage.getKeys',
  'clientStorage.entries',
  'clientStorage.clear',
  'clientStorage.status',
  'auth.providers',
  'auth.signIn',
  'auth.signInWithDevice',
  'auth.cancel',
  'auth.completeWithAddress',
  'auth.refresh',
  'auth.signOut',
  'auth.getAccessToken',
  'auth.request',
  'auth.setActiveAccount',
  'auth.vault',
  'auth.forgetAll',
  'auth.setAllowWeakProtection',
  'auth.exportToken',
  'auth.importToken',
  'window.capabilities',
  'window.getState',
  'window.toFront',
  'window.minimize',
  'window.toggleMaximize',
  'window.close',
  'window.setBounds',
  'window.setAlwaysOnTop',
  'window.setBackgroundColor',
  'window.update',
  'window.center',
  'window.destroy',
  'window.openFloating',
  'window.closeFloating',
  'clipboard.read',
  'clipboard.write',
  'link.open',
  'link.canOpen',
  'link.closeInAppWebView',
  'crypto.encrypt',
  'crypto.decrypt',
  'crypto.decryptDetailed',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

const EVENT_NAMES = [
  'host.closing',
  'host.resync',
  'clientStorage.changed',
  'auth.signedIn',
  'auth.signInFailed',
  'auth.signedOut',
  'auth.changed',
  'window.bringToFront',
  'window.state',
  'window.event',
  'window.closeRequested',
  'update.changed',
  'app.showArea',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

export const IPC_CALL_PREFIX = 'latchkey:call:';
export const IPC_EVENT_CHANNEL = 'latchkey:event';
