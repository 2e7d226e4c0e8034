/**
 * Settings are conveniences: a settings file that cannot be read (it is a folder, unreadable, on a broken
 * disk) must never stop the app. The store is then kept in memory for this run: defaults, a note in the log
 * and in `note`, and the file left as it is for the user to look at.
 */
import type { SettingsStorePort } from './app-settings.ts';

/** A store in memory, for a run whose settings file cannot be used. */
export class MemorySettingsStore implements SettingsStorePort {
  readonly #values = new Map<string, unknown>();
  get(key: string): unknown {
    return structuredClone(this.#values.get(key));
  }
  set(key: string, value: unknown): void {
    this.#values.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.#values.delete(key);
  }
}

export interface OpenedSettings {
  store: SettingsStorePort;
  /** Why the file is not used this time, in plain words; null when it is. */
  note: string | null;
}

/** Opens the settings store with `create`, or a store in memory and a note when that throws. */
export function openSettingsStore(
  create: () => SettingsStorePort,
  file: string,
  warn: (message: string) => void,
): OpenedSettings {
  try {
    return { store: create(), note: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const note = `the settings file ${file} could not be read (${code ?? (error as Error).name}); defaults are used, and changes are kept only until the app quits`;
    warn(`latchkey: ${note}`);
    return { store: new MemorySettingsStore(), note };
  }
}
