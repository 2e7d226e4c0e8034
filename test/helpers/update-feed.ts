/**
 * A local update feed and an updater that reads it, as electron-builder's own updater tests drive
 * electron-updater without Electron (test/src/helpers/TestAppAdapter.ts, updaterTestUtil.ts): the real
 * updater class (DebUpdater, Linux) with an app adapter, and electron-updater's own HTTP executor with only
 * its request factory swapped from Electron's net to node:http, so the download and its sha512 check are
 * electron-updater's code. The feed is a plain HTTP server on 127.0.0.1 serving `latest-linux.yml` and the
 * artefacts made by the test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DebUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';
import yaml from 'js-yaml';
import { tempDir } from './temp-dir.ts';

export interface Feed {
  url: string;
  /** Files served, by name (change them between checks to tamper with an artefact). */
  files: Map<string, Buffer>;
  /** Paths asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

export interface Release {
  version: string;
  /** The artefact's bytes (random by default). */
  artefact?: Buffer;
}

export const ARTEFACT = (version: string) => `latchkey_${version}_amd64.deb`;

/** latest-linux.yml as electron-builder writes it, with the artefact's real sha512. */
export function latestYml(version: string, artefact: Buffer): string {
  const sha512 = createHash('sha512').update(artefact).digest('base64');
  return yaml.dump({
    version,
    files: [{ url: ARTEFACT(version), sha512, size: artefact.length }],
    path: ARTEFACT(version),
    sha512,
    releaseDate: '2026-12-01T00:00:00.000Z',
  });
}

export async function startFeed(release: Release): Promise<Feed> {
  const artefact = release.artefact ?? randomBytes(256 * 1024);
  const files = new Map<string, Buffer>([
    ['latest-linux.yml', Buffer.from(latestYml(release.version, artefact))],
    [ARTEFACT(release.version), artefact],
  ]);
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    requested.push(name);
    const body = files.get(name);
    if (!body) return void res.writeHead(404).end('not found');
    // In chunks, so the updater sees progress.
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    let at = 0;
    const next = () => {
      if (at >= body.length) return void res.end();
      const chunk = body.subarray(at, (at += 32 * 1024));
      if (res.write(chunk)) setImmediate(next);
      else res.once('drain', next);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    files,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** electron-updater's Electron executor with node:http under it (no proxy-login callback, no net session). */
class NodeHttpExecutor extends ElectronHttpExecutor {
  constructor() {
    super(undefined);
  }
  override createRequest(
    options: Record<string, unknown>,
    callback: (response: IncomingMessage) => void,
  ): Electron.ClientRequest {
    // node:http's request stands in for Electron's net request, which has the same shape where it is used.
    return request(options, callback) as unknown as Electron.ClientRequest;
  }
}

/** The app as electron-updater sees it (AppAdapter), packaged, with its folders in a temporary directory. */
class TestAppAdapter implements AppAdapter {
  readonly name = 'latchkey';
  readonly isPackaged = true;
  readonly relaunched: number[] = [];
  readonly version: string;
  readonly dir: string;
  constructor(version: string, dir: string) {
    this.version = version;
    this.dir = dir;
  }
  get appUpdateConfigPath(): string {
    return path.join(this.dir, 'resources', 'app-update.yml');
  }
  get userDataPath(): string {
    return path.join(this.dir, 'userData');
  }
  get baseCachePath(): string {
    return path.join(this.dir, 'cache');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {
    this.relaunched.push(Date.now());
  }
  quit(): void {}
  onQuit(): void {}
}

/**
 * A Linux updater for an installed app at `version` whose packaged `app-update.yml` points at `feedUrl`,
 * written as electron-builder writes it for a `generic` publish entry.
 */
export function testUpdater(version: string, feedUrl: string): AppUpdater {
  const dir = tempDir('updater');
  const adapter = new TestAppAdapter(version, dir);
  mkdirSync(path.dirname(adapter.appUpdateConfigPath), { recursive: true });
  writeFileSync(
    adapter.appUpdateConfigPath,
    yaml.dump({ provider: 'generic', url: feedUrl, updaterCacheDirName: 'latchkey-updater' }),
  );
  const updater = new DebUpdater(null, adapter);
  Object.assign(updater, {
    httpExecutor: new NodeHttpExecutor(),
    _testOnlyOptions: { platform: 'linux', isUseDifferentialDownload: false },
  });
  return updater;
}
