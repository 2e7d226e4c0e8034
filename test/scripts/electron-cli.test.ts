/**
 * `npm start` end to end with a stand-in Electron binary: it builds, then launches the binary on the built
 * app with the options given after `--`. Runs in its own vitest group before the others, since it rebuilds
 * out/, which the build and end-to-end tests read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

function start(env: Record<string, string>, ...args: string[]) {
  return spawnSync(NODE, ['scripts/electron.ts', 'start', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

describe('npm start', () => {
  it('builds and launches the Electron binary on the built app, passing the app options', () => {
    const dir = tempDir('stand-in');
    const record = path.join(dir, 'launched.json');
    const binary = path.join(dir, 'electron');
    writeFileSync(binary, `#!/bin/sh\nprintf '{"cwd":"%s","args":"%s"}' "$(pwd)" "$*" > '${record}'\n`);
    chmodSync(binary, 0o755);
    const r = start({ ELECTRON_EXEC_PATH: binary }, '--floating');
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(path.join(ROOT, 'out/main/index.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'out/preload/index.cjs'))).toBe(true);
    // electron-vite starts the binary on the project folder, whose package.json "main" is the built entry.
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ cwd: ROOT, args: '. --floating' });
  });

  it('stops before building with one short message when the binary named does not exist', () => {
    const missing = path.join(tempDir('none'), 'electron');
    const r = start({ ELECTRON_EXEC_PATH: missing });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`latchkey: ELECTRON_EXEC_PATH=${missing} is not an executable file.`);
    expect(r.stderr).not.toMatch(/^\s+at\s/m);
    expect(r.stdout).not.toContain('building');
  });
});
