import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningWebHost {
  url: string;
  dataDir: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  process: ChildProcess;
}

export interface WebHostOptions {
  /**
   * Runs the host's clock this far ahead (tests of token expiry). The shipped entry cannot do that, so the
   * host then starts from the test-only entry beside this file, from source, instead of out/main/web.js.
   */
  clockAheadMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the real `npm run web` entry, the bundled out/main/web.js (built by `npm test` before) as a child
 * process and waits for the line that prints its URL.
 */
export async function startWebHost(
  args: string[] = [],
  dataDir?: string,
  options: WebHostOptions = {},
): Promise<RunningWebHost> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'latchkey-data-')));
  const entry =
    options.clockAheadMs === undefined
      ? ['out/main/web.js']
      : [
          '--experimental-strip-types',
          '--disable-warning=ExperimentalWarning',
          'test/e2e/helpers/web-host-clock-ahead.ts',
          String(options.clockAheadMs),
        ];
  const child = spawn(process.execPath, [...entry, '--no-open', '--data-dir', dir, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...options.env },
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c: string) => (output += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: string) => {
      output += c;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    dataDir: dir,
    output: () => output,
    process: child,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
