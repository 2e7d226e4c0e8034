/**
 * Web mode's settings file: `conf`, the engine electron-store wraps, so both hosts write the same format
 * (`settings.json`, pretty JSON, atomic writes). A damaged file is replaced by an empty one rather than
 * stopping the host: it holds only conveniences.
 */
import Conf from 'conf';
import type { SettingsStorePort } from './app-settings.ts';

export function confSettingsStore(dir: string): SettingsStorePort {
  return new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'settings',
    projectName: 'latchkey',
    clearInvalidConfig: true,
    configFileMode: 0o600,
  });
}
