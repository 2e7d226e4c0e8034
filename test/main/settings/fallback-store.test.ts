/** A settings file that cannot be read gives defaults in memory and a note, never a thrown error. */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppSettings } from '../../../src/main/settings/app-settings.ts';
import { confSettingsStore } from '../../../src/main/settings/conf-store.ts';
import { openSettingsStore } from '../../../src/main/settings/fallback-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('settings that cannot be read', () => {
  it('web mode: settings.json that is a folder gives defaults, keeps changes in memory, and says why', () => {
    const dir = tempDir('settings-folder');
    mkdirSync(path.join(dir, 'settings.json'));
    const warn = vi.fn();
    const settings = new AppSettings(confSettingsStore(dir, warn));
    expect(settings.lastArea()).toBeNull();
    settings.saveLastArea('storage');
    expect(settings.lastArea()).toBe('storage');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('settings.json could not be read (EISDIR)'));
    expect(statSync(path.join(dir, 'settings.json')).isDirectory()).toBe(true);
  });

  it('a store that opens is used as it is, with no note', () => {
    const store = { get: () => 'x', set() {}, delete() {} };
    expect(openSettingsStore(() => store, '/x/settings.json', vi.fn())).toEqual({ store, note: null });
  });
});
