/**
 * Makes sure the Electron binary is there before anything launches or packages it. Electron 42+ installs
 * without its binary: `node_modules/electron/path.txt` is written only after Electron's own installer
 * (`install.js`, the `install-electron` bin) has downloaded it, and electron-vite reads `path.txt` and dies
 * with "Electron uninstall" when it is missing. So the start, dist and test:electron commands come here first.
 *
 * Honoured, in this order: `ELECTRON_EXEC_PATH` (a binary), `ELECTRON_OVERRIDE_DIST_PATH` (a folder holding
 * one), an installed binary, and else the download, which Electron's installer does itself (so
 * `ELECTRON_MIRROR`, `ELECTRON_CUSTOM_DIR`, `electron_config_cache` and proxies work as Electron documents).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export class ElectronMissing extends Error {
  override readonly name = 'ElectronMissing';
}

export interface EnsureOptions {
  /** The `electron` package folder (node_modules/electron). */
  electronDir: string;
  env: NodeJS.ProcessEnv;
  /** The Node that runs Electron's installer. */
  node?: string;
  /** Where the installer's progress goes (stderr, without its stack traces). */
  progress?: (chunk: string) => void;
}

/** Where Electron's installer puts the binary inside `dist`, per platform (as its install.js says). */
export function platformPath(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function installed(electronDir: string): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return executable(binary) ? binary : null;
}

function versionOf(electronDir: string): string {
  return (JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export function howToFix(version: string): string {
  return [
    'Do one of these, then run the command again:',
    '  - connect this machine to the internet (the download is about 100 MB, once);',
    `  - set ELECTRON_MIRROR to a mirror that has Electron ${version} (for example an internal one);`,
    `  - point at an Electron ${version} you already have: ELECTRON_OVERRIDE_DIST_PATH=<its folder> or ELECTRON_EXEC_PATH=<the binary>.`,
  ].join('\n');
}

/** Runs Electron's own installer; resolves with the reason when it fails (its stack trace is dropped). */
function runInstaller(options: EnsureOptions): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(options.node ?? process.execPath, [path.join(options.electronDir, 'install.js')], {
      env: options.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let reason: string | null = null;
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (/^\s+at\s/.test(line) || line.trim() === '' || line.trim() === '}') continue;
        if (/^\s*\w*Error\b|^\s*\[?\w+Error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|HTTPError/.test(line)) {
          reason ??= line.trim();
          continue;
        }
        // Progress (the installer draws a bar with \r) and anything else worth seeing.
        options.progress?.(`${line}\n`);
      }
      // An unfinished line with \r is a progress bar being redrawn: show it now.
      if (pending.includes('\r')) {
        options.progress?.(pending);
        pending = '';
      }
    });
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(null);
      else resolve(reason ?? `the installer stopped (${signal ?? `exit code ${code}`})`);
    });
  });
}

/** Returns the Electron binary to run, downloading it first when needed; throws ElectronMissing otherwise. */
export async function ensureElectron(options: EnsureOptions): Promise<string> {
  const { env, electronDir } = options;
  const version = versionOf(electronDir);
  if (env.ELECTRON_EXEC_PATH) {
    if (executable(env.ELECTRON_EXEC_PATH)) return env.ELECTRON_EXEC_PATH;
    throw new ElectronMissing(
      `ELECTRON_EXEC_PATH=${env.ELECTRON_EXEC_PATH} is not an executable file.\n${howToFix(version)}`,
    );
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, platformPath());
    if (executable(binary)) return binary;
    throw new ElectronMissing(
      `ELECTRON_OVERRIDE_DIST_PATH=${env.ELECTRON_OVERRIDE_DIST_PATH} has no Electron binary (looked for ${binary}).\n${howToFix(version)}`,
    );
  }
  const present = installed(electronDir);
  if (present) return present;

  options.progress?.(`Electron ${version} is not installed yet: downloading it with Electron's installer…\n`);
  const failure = await runInstaller(options);
  const binary = installed(electronDir);
  if (failure === null && binary) return binary;
  const from = env.ELECTRON_MIRROR ? `the mirror ${env.ELECTRON_MIRROR}` : "Electron's default download site";
  const why = /fetch failed/.test(failure ?? '')
    ? `${from} could not be reached (${failure})`
    : (failure ?? 'the installer wrote no binary');
  throw new ElectronMissing(
    `The Electron ${version} binary is not installed, and downloading it failed: ${why}.\n${howToFix(version)}`,
  );
}
