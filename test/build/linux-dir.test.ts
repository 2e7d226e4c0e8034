/**
 * The installed app as electron-builder packs it: `electron-builder --linux dir` from the built `out/`, with
 * a stand-in Electron (no binary can be downloaded here: a file holding Electron's fuse wire, so the fuses
 * step runs for real). The package carries the update feed (app-update.yml, from `publish`), the tray icons,
 * the runtime dependencies the main bundle imports lazily, and the fuses as configured.
 */
import { listPackage } from '@electron/asar';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_IDENTITY } from '../../src/shared/app-identity.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = 9;

let app: string;

/** A stand-in Electron folder: the executable is a shell script that carries a fuse wire (version 1, all "0"). */
function standInElectron(): string {
  const dir = tempDir('electron-dist');
  mkdirSync(path.join(dir, 'resources'));
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES]),
    Buffer.from('0'.repeat(FUSES)),
  ]);
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\n# '), wire, Buffer.from('\n')]),
    {
      mode: 0o755,
    },
  );
  writeFileSync(path.join(dir, 'version'), '45.5.0');
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  return dir;
}

beforeAll(async () => {
  const output = tempDir('linux-dir');
  await run(
    process.execPath,
    [
      'node_modules/electron-builder/cli.js',
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${standInElectron()}`,
      `-c.directories.output=${output}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  app = path.join(output, 'linux-unpacked');
}, 240_000);

describe('electron-builder --linux dir', () => {
  it('writes the update feed into the package as resources/app-update.yml', () => {
    const config = yaml.load(readFileSync(path.join(app, 'resources', 'app-update.yml'), 'utf8'));
    expect(config).toMatchObject({ ...APP_IDENTITY.updateFeed, updaterCacheDirName: expect.any(String) });
  });

  it('ships the tray icons as resources', () => {
    for (const name of ['16x16.png', '32x32.png'])
      expect(
        readFileSync(path.join(app, 'resources', 'icons', name))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
  });

  it('packs the built app and the dependencies the main bundle imports lazily, and no sources', () => {
    const files = listPackage(path.join(app, 'resources', 'app.asar'), { isPack: false });
    expect(files).toEqual(expect.arrayContaining(['/out/main/index.js', '/package.json']));
    for (const dep of ['electron-updater', 'electron-log', 'electron-store'])
      expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
    expect(files.filter((f) => f.startsWith('/src/') || f.startsWith('/test/'))).toEqual([]);
  });

  it('flips the fuses as electron-builder.yml says', () => {
    const binary = readFileSync(path.join(app, 'latchkey'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    // Electron's fuse order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect(binary.subarray(at + 2, at + 2 + 8).toString()).toBe('01001100');
  });
});

describe('the Linux desktop entry (AppImage, deb)', () => {
  // Those targets download their tools (appimagetool, fpm), which cannot happen here: the entry is computed
  // by electron-builder's own LinuxTargetHelper from this configuration, as those targets do.
  it('registers the app as the handler of its scheme (MimeType x-scheme-handler/<scheme>)', async () => {
    const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { linux: object };
    const packager = {
      appInfo: {
        productName: APP_IDENTITY.productName,
        sanitizedProductName: APP_IDENTITY.productName,
        description: 'x',
      },
      executableName: 'latchkey',
      info: { metadata: { desktopName: 'latchkey.desktop' } },
      fileAssociations: [],
      config,
      platformSpecificBuildOptions: config.linux,
    };
    const helper = new LinuxTargetHelper(
      packager as unknown as ConstructorParameters<typeof LinuxTargetHelper>[0],
    );
    const entry = await helper.computeDesktopEntry(config.linux);
    expect(entry).toContain(`MimeType=x-scheme-handler/${APP_IDENTITY.scheme};`);
    expect(entry).toMatch(/^Exec=.* %U$/m);
  });
});
