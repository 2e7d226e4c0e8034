import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

async function config(): Promise<Record<string, unknown>> {
  return load(await readFile('electron-builder.yml', 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own configuration schema", async () => {
    const schema = JSON.parse(
      await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(await config());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a typo is caught by that schema', async () => {
    const schema = JSON.parse(
      await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    expect(validate({ ...(await config()), electronFuzes: { runAsNode: false } })).toBe(false);
  });

  it('sets the Electron fuses of the security checklist', async () => {
    expect((await config()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packages only the built app, with asar, for every platform, and its icons exist', async () => {
    const c = await config();
    expect(c.asar).toBe(true);
    expect(c.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!**/*.map']),
    );
    expect(JSON.stringify(c.files)).not.toMatch(/src|test/);
    expect(c).toMatchObject({ appId: 'dev.latchkey.app', productName: 'Latchkey' });
    expect((c.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((c.win as { target: string[] }).target).toEqual(['nsis']);
    expect((c.mac as { target: string[] }).target).toEqual(['dmg']);
    for (const f of [
      'assets/icon.svg',
      'assets/icon.png',
      'assets/icons/256x256.png',
      'assets/icons/512x512.png',
    ]) {
      expect((await stat(f)).size).toBeGreaterThan(100);
    }
  });
});
