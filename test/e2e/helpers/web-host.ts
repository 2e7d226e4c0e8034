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

/**
 * Starts the real `npm run web` entry, the bundled out/main/web.js (built by `npm test` before) as a child
 * process and waits for the line that prints its URL.
 */
export async function startWebHost(
  args: string[] = [],
  dataDir?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningWebHost> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'latchkey-data-')));
  const child = spawn(process.execPath, ['out/main/web.js', '--no-open', '--data-dir', dir, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
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
