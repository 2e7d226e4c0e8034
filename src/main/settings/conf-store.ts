/**
 * Web mode's settings file: `conf`, the engine electron-store wraps, so both hosts write the same format
 * (`settings.json`, pretty JSON, atomic writes). A damaged file is replaced by an empty one rather than
 * stopping the host: it holds only conveniences.
 */
import Conf from 'conf';
import path from 'node:path';
import type { SettingsStorePort } from './app-settings.ts';
import { openSettingsStore } from './fallback-store.ts';

/** A file that cannot be read at all (a folder, no permission) gives defaults in memory and a warning. */
export function confSettingsStore(
  dir: string,
  warn: (message: string) => void = console.warn,
): SettingsStorePort {
  return openSettingsStore(
    () =>
      new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: 'settings',
        projectName: 'latchkey',
        clearInvalidConfig: true,
        configFileMode: 0o600,
      }),
    path.join(dir, 'settings.json'),
    warn,
  ).store;
}
