/**
 * Small settings the user expects the app to remember: where the main and floating windows were, whether
 * they stayed on top, the area last shown, and the "allow weaker protection" choice. Kept with electron-store
 * in the desktop app and with `conf` (the engine electron-store wraps, same file format) in web mode.
 *
 * Electron-free: it takes the store as a port (the part of conf's API it uses). Every value is checked when
 * read, so a hand-edited or damaged file gives defaults, never a crash.
 */
import type { WindowBounds } from '../../shared/window-types.ts';

export interface SettingsStorePort {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export type WindowKind = 'main' | 'floating';

const isBounds = (v: unknown): v is WindowBounds => {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return (
    (['left', 'top', 'width', 'height'] as const).every(
      (k) => typeof b[k] === 'number' && Number.isFinite(b[k]) && Math.abs(b[k] as number) < 100_000,
    ) &&
    (b.width as number) > 0 &&
    (b.height as number) > 0
  );
};

export class AppSettings {
  readonly #store: SettingsStorePort;
  readonly #onError: (error: Error) => void;

  constructor(store: SettingsStorePort, onError: (error: Error) => void = () => {}) {
    this.#store = store;
    this.#onError = onError;
  }

  #get(key: string): unknown {
    try {
      return this.#store.get(key);
    } catch (error) {
      this.#onError(error as Error);
      return undefined;
    }
  }

  // Settings are a convenience: a full disk or a read-only file must not break the action that saves them.
  #set(key: string, value: unknown): void {
    try {
      this.#store.set(key, value);
    } catch (error) {
      this.#onError(error as Error);
    }
  }

  windowBounds(kind: WindowKind): WindowBounds | undefined {
    const v = this.#get(`windows.${kind}.bounds`);
    return isBounds(v) ? { left: v.left, top: v.top, width: v.width, height: v.height } : undefined;
  }

  saveWindowBounds(kind: WindowKind, bounds: WindowBounds): void {
    if (isBounds(bounds)) this.#set(`windows.${kind}.bounds`, bounds);
  }

  alwaysOnTop(kind: WindowKind): boolean | undefined {
    const v = this.#get(`windows.${kind}.alwaysOnTop`);
    return typeof v === 'boolean' ? v : undefined;
  }

  saveAlwaysOnTop(kind: WindowKind, on: boolean): void {
    this.#set(`windows.${kind}.alwaysOnTop`, on);
  }

  lastArea(): string | null {
    const v = this.#get('lastArea');
    return typeof v === 'string' && /^[a-z-]{1,32}$/.test(v) ? v : null;
  }

  saveLastArea(area: string): void {
    this.#set('lastArea', area);
  }

  allowWeakProtection(): boolean | undefined {
    const v = this.#get('allowWeakProtection');
    return typeof v === 'boolean' ? v : undefined;
  }

  saveAllowWeakProtection(allow: boolean): void {
    this.#set('allowWeakProtection', allow);
  }
}
