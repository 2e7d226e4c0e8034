import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppSettings } from '../../../src/main/settings/app-settings.ts';
import { confSettingsStore } from '../../../src/main/settings/conf-store.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('app settings (conf, the engine electron-store wraps)', () => {
  it('keeps bounds, always-on-top, the last area and the weak-protection choice across instances', () => {
    const dir = tempDir('settings');
    const a = new AppSettings(confSettingsStore(dir));
    a.saveWindowBounds('main', { left: 10, top: 20, width: 800, height: 600 });
    a.saveAlwaysOnTop('floating', true);
    a.saveLastArea('storage');
    a.saveAllowWeakProtection(true);
    const b = new AppSettings(confSettingsStore(dir));
    expect(b.windowBounds('main')).toEqual({ left: 10, top: 20, width: 800, height: 600 });
    expect(b.windowBounds('floating')).toBeUndefined();
    expect(b.alwaysOnTop('floating')).toBe(true);
    expect(b.lastArea()).toBe('storage');
    expect(b.allowWeakProtection()).toBe(true);
    const file = path.join(dir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ lastArea: 'storage' });
  });

  it('gives defaults for hand-edited nonsense and a damaged file, never a crash', () => {
    const dir = tempDir('settings-bad');
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        windows: { main: { bounds: { left: 'x', top: 0, width: -5, height: 1 } } },
        lastArea: '../../x',
      }),
    );
    const s = new AppSettings(confSettingsStore(dir));
    expect(s.windowBounds('main')).toBeUndefined();
    expect(s.lastArea()).toBeNull();
    writeFileSync(path.join(dir, 'settings.json'), '{ not json');
    expect(new AppSettings(confSettingsStore(dir)).lastArea()).toBeNull();
  });

  it('reports a write that fails (read-only folder) and carries on', () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes: fail the write through the port instead.
      const onError = vi.fn();
      const s = new AppSettings(
        {
          get: () => undefined,
          set: () => {
            throw new Error('EROFS: read-only file system');
          },
          delete() {},
        },
        onError,
      );
      s.saveLastArea('storage');
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('EROFS') }),
      );
      return;
    }
    const dir = path.join(tempDir('settings-ro'), 'ro');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    const onError = vi.fn();
    new AppSettings(confSettingsStore(dir), onError).saveLastArea('storage');
    expect(onError).toHaveBeenCalled();
  });
});
