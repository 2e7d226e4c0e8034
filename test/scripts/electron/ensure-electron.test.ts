/**
 * The Electron binary check that `npm start`, `npm run dist` and `npm run test:electron` run first. The binary
 * cannot be downloaded here, so the download is served by a mirror on 127.0.0.1 (a stand-in binary in a zip
 * laid out as Electron's releases are), fetched by Electron's own installer through ELECTRON_MIRROR.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ElectronMissing, ensureElectron, platformPath } from '../../../scripts/electron/ensure-electron.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL = path.join(ROOT, 'node_modules', 'electron');
const VERSION = (JSON.parse(readFileSync(path.join(REAL, 'package.json'), 'utf8')) as { version: string })
  .version;
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Electron's package without its binary, as npm installs it; inside the checkout so its installer's imports resolve. */
function freshElectronPackage(): string {
  const parent = path.join(
    ROOT,
    'node_modules',
    '.cache',
    `latchkey-test-electron-${process.pid}-${Date.now()}`,
  );
  const dir = path.join(parent, 'electron');
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'install.js', 'checksums.json'])
    copyFileSync(path.join(REAL, f), path.join(dir, f));
  cleanup.push(parent);
  return dir;
}

function standIn(dir: string, name = 'electron'): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\necho stand-in "$@"\n');
  chmodSync(file, 0o755);
  return file;
}

/** An environment with no npm_config_electron_* or ELECTRON_* leaking in from the machine or npm. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/electron/i.test(k)) env[k] = v;
  }
  return { ...env, electron_config_cache: tempDir('electron-cache'), ...extra };
}

/** A release zip as Electron publishes it: the binary (executable) and its version file. */
function releaseZip(dir: string): string {
  const zip = path.join(dir, `electron-v${VERSION}-${process.platform}-${process.arch}.zip`);
  const r = spawnSync(
    'python3',
    [
      '-c',
      `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
i = zipfile.ZipInfo("electron"); i.external_attr = 0o100755 << 16
z.writestr(i, "#!/bin/sh\\necho downloaded-stand-in \\"$@\\"\\n")
z.writestr("version", sys.argv[2])
z.close()`,
      zip,
      VERSION,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`could not make the zip: ${r.stderr}`);
  return zip;
}

async function mirror(
  files: Record<string, Buffer>,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function failure(promise: Promise<unknown>): Promise<ElectronMissing> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ElectronMissing);
  const message = (error as ElectronMissing).message;
  // One short message that says what to do; never a stack trace.
  expect(message).not.toMatch(/^\s+at\s/m);
  expect(message).toMatch(/ELECTRON_MIRROR/);
  expect(message).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=<its folder> or ELECTRON_EXEC_PATH=<the binary>/);
  return error as ElectronMissing;
}

describe('ensureElectron', () => {
  it('uses ELECTRON_EXEC_PATH as it is, without downloading', async () => {
    const binary = standIn(tempDir('exec'));
    const electronDir = freshElectronPackage();
    await expect(
      ensureElectron({ electronDir, env: cleanEnv({ ELECTRON_EXEC_PATH: binary }) }),
    ).resolves.toBe(binary);
  });

  it('uses the binary in ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const dist = tempDir('dist');
    const binary = standIn(dist, platformPath());
    const electronDir = freshElectronPackage();
    await expect(
      ensureElectron({ electronDir, env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }) }),
    ).resolves.toBe(binary);
  });

  it('says plainly when ELECTRON_EXEC_PATH or ELECTRON_OVERRIDE_DIST_PATH name nothing runnable', async () => {
    const electronDir = freshElectronPackage();
    const missing = path.join(tempDir('none'), 'electron');
    const a = await failure(ensureElectron({ electronDir, env: cleanEnv({ ELECTRON_EXEC_PATH: missing }) }));
    expect(a.message).toContain(`ELECTRON_EXEC_PATH=${missing} is not an executable file`);
    const empty = tempDir('empty-dist');
    const b = await failure(
      ensureElectron({ electronDir, env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: empty }) }),
    );
    expect(b.message).toContain(`ELECTRON_OVERRIDE_DIST_PATH=${empty} has no Electron binary`);
  });

  it("downloads a missing binary with Electron's own installer from ELECTRON_MIRROR, showing progress", async () => {
    const electronDir = freshElectronPackage();
    const zip = readFileSync(releaseZip(tempDir('zip')));
    const name = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
    const sums = Buffer.from(`${createHash('sha256').update(zip).digest('hex')} *${name}\n`);
    const server = await mirror({ [`/v${VERSION}/${name}`]: zip, [`/v${VERSION}/SHASUMS256.txt`]: sums });
    try {
      const progress: string[] = [];
      const binary = await ensureElectron({
        electronDir,
        node: NODE,
        // A mirror's own SHASUMS256.txt, as Electron documents for mirrors of custom builds.
        env: cleanEnv({ ELECTRON_MIRROR: server.url, electron_use_remote_checksums: '1' }),
        progress: (c) => progress.push(c),
      });
      expect(binary).toBe(path.join(electronDir, 'dist', platformPath()));
      expect(readFileSync(path.join(electronDir, 'path.txt'), 'utf8')).toBe(platformPath());
      expect(spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout).toBe(
        'downloaded-stand-in --version\n',
      );
      expect(server.requests).toContain(`/v${VERSION}/${name}`);
      expect(progress.join('')).toContain(`Electron ${VERSION} is not installed yet: downloading it`);
      // A second call finds it installed and downloads nothing.
      const before = server.requests.length;
      await expect(
        ensureElectron({ electronDir, node: NODE, env: cleanEnv({ ELECTRON_MIRROR: server.url }) }),
      ).resolves.toBe(binary);
      expect(server.requests.length).toBe(before);
    } finally {
      await server.close();
    }
  });

  it('fails with one short message when the mirror cannot be reached', async () => {
    const electronDir = freshElectronPackage();
    const closed = await mirror({});
    await closed.close(); // its port is now refused
    const error = await failure(
      ensureElectron({ electronDir, node: NODE, env: cleanEnv({ ELECTRON_MIRROR: closed.url }) }),
    );
    expect(error.message).toContain(
      `The Electron ${VERSION} binary is not installed, and downloading it failed`,
    );
    expect(error.message).toContain(`the mirror ${closed.url} could not be reached`);
    expect(error.message.split('\n').length).toBeLessThanOrEqual(5);
  });

  it('fails with one short message when the mirror has no such release', async () => {
    const electronDir = freshElectronPackage();
    const server = await mirror({});
    try {
      const error = await failure(
        ensureElectron({ electronDir, node: NODE, env: cleanEnv({ ELECTRON_MIRROR: server.url }) }),
      );
      expect(error.message).toMatch(/downloading it failed: .*404/);
    } finally {
      await server.close();
    }
  });
});
