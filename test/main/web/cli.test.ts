/**
 * `npm run web` checks its data folder before it starts anything: a folder that cannot work stops it with
 * exit 1 and one line that names the folder and the fix. Each case runs the real command line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defer } from '../../helpers/disposables.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { readOnlyFolder } from '../../helpers/read-only-folder.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const CLI = 'src/main/web/cli.ts';
const env = { ...process.env, NODE_NO_WARNINGS: '1' };

/** Runs `npm run web -- --no-open --data-dir DIR` to its end. */
function web(dir: string) {
  return spawnSync(NODE, [CLI, '--no-open', '--data-dir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
}

/** It did not start, and said one thing, on one line. */
function refused(r: ReturnType<typeof web>): string {
  expect(r.status).toBe(1);
  expect(r.stdout).not.toContain('serving');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('web mode --data-dir', () => {
  it('exits 1 naming a world-writable data folder and the command that fixes it', () => {
    const dir = tempDir('web-open');
    chmodSync(dir, 0o777);
    expect(refused(web(dir))).toBe(
      `latchkey web: refusing to use ${dir}: other users can write to it (mode 777); fix: chmod 700 '${dir}'`,
    );
  });

  it('exits 1 when --data-dir names a file', () => {
    const file = path.join(tempDir('web-file'), 'notes.txt');
    writeFileSync(file, 'not a folder');
    expect(refused(web(file))).toBe(
      `latchkey web: cannot use ${file} as the data folder: it is a file, not a folder; fix: move or rename that file, or start with another folder: --data-dir DIR`,
    );
  });

  it('exits 1 when a part of the path is a file', () => {
    const file = path.join(tempDir('web-file'), 'notes.txt');
    writeFileSync(file, 'not a folder');
    const dir = path.join(file, 'data');
    expect(refused(web(dir))).toBe(
      `latchkey web: cannot create the data folder ${dir}: a part of the path is a file, not a folder (ENOTDIR); fix: start with another folder: --data-dir DIR`,
    );
  });

  it('exits 1 when the data folder cannot be written to', () => {
    const ro = readOnlyFolder();
    defer(() => ro.dispose());
    expect(refused(web(ro.dir))).toBe(
      `latchkey web: cannot use ${ro.dir} as the data folder: Latchkey cannot write to it, ${ro.reason}; ${ro.fix}start with another folder: --data-dir DIR`,
    );
  });

  it('exits 1 naming the pid of another running Latchkey that uses the folder', async () => {
    const dir = tempDir('web-busy');
    const first = spawn(NODE, [CLI, '--no-open', '--data-dir', dir], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => first.once('exit', resolve));
    defer(async () => {
      if (first.exitCode === null && first.signalCode === null) first.kill('SIGTERM');
      await exited;
    });
    let output = '';
    first.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    first.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    await new Promise<void>((resolve, reject) => {
      first.stdout.on('data', () => output.includes('serving') && resolve());
      first.once('exit', (code) => reject(new Error(`the first web host exited with ${code}:\n${output}`)));
    });

    expect(refused(web(dir))).toBe(
      `latchkey web: cannot use ${dir} as the data folder: another running Latchkey (pid ${first.pid}) is using it; fix: quit that one first, or start with another folder: --data-dir DIR`,
    );
    // The first one was not disturbed.
    expect(first.exitCode).toBeNull();
  });
});
