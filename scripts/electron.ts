/**
 * The commands that need the Electron binary, each making sure it is there first (downloading it with
 * Electron's own installer when missing) and failing with one short message, never a stack trace:
 *
 *   node scripts/electron.ts start [-- app options]   build, then launch the app (npm start)
 *   node scripts/electron.ts dist [builder options]   build, then package installers (npm run dist)
 *   node scripts/electron.ts test                     build, then drive the real app (npm run test:electron)
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ElectronMissing, ensureElectron } from './electron/ensure-electron.ts';

const require = createRequire(import.meta.url);
const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(`latchkey: could not run ${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'start' && command !== 'dist' && command !== 'test') {
    console.error('usage: node scripts/electron.ts start|dist|test [options]');
    return 2;
  }
  let binary: string;
  try {
    binary = await ensureElectron({
      electronDir: path.dirname(require.resolve('electron/package.json')),
      env: process.env,
      progress: (chunk) => process.stderr.write(chunk),
    });
  } catch (error) {
    if (!(error instanceof ElectronMissing)) throw error;
    console.error(`latchkey: ${error.message}`);
    return 1;
  }
  // electron-vite and Playwright take the binary from here; electron-vite ignores ELECTRON_OVERRIDE_DIST_PATH.
  const env = { ...process.env, ELECTRON_EXEC_PATH: binary };
  const built = await run(bin('electron-vite'), ['build'], env);
  if (built !== 0) return built;
  if (command === 'start') {
    const appArgs = rest[0] === '--' ? rest.slice(1) : rest;
    return run(bin('electron-vite'), ['preview', '--', ...appArgs], env);
  }
  if (command === 'dist') {
    // Package the binary we have instead of letting electron-builder download another one.
    const dist = path.dirname(binary.replace(/Electron\.app\/Contents\/MacOS\/Electron$/, 'x'));
    return run(bin('electron-builder'), [`-c.electronDist=${dist}`, ...rest], env);
  }
  return run(process.execPath, [path.join('scripts', 'test-electron.ts')], env);
}

process.exitCode = await main();
