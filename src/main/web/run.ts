/** Web mode: the host under plain Node, serving the built renderer on 127.0.0.1 (started by cli.ts). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataFolder } from '../data-folder.ts';
import { createHost } from '../host.ts';
import { fetchFromEnv } from '../net/node-fetch.ts';
import { defaultWebDataDir } from '../paths.ts';
import { findPackageRoot, readPackageVersion } from '../version.ts';
import { CliError, parseWebArgs, WEB_USAGE } from './cli-args.ts';
import { openInSystemBrowser } from './open-browser.ts';
import { startWebServer } from './server.ts';

// The checkout: out/main/web.js when bundled (npm run web), src/main/web/run.ts when run from source.
const root = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** What a caller in the same process may hand in; the shipped entry (cli.ts) hands in nothing. */
export interface WebHostSeams {
  /** The host's clock, in epoch milliseconds (default Date.now): tests of token expiry run it ahead. */
  now?: () => number;
}

/**
 * Runs web mode with these command-line arguments. Resolves with an exit code when it did not start (or only
 * printed help), or -1 while it keeps serving; SIGINT or SIGTERM then closes it and exits 0.
 */
export async function runWebHost(argv: readonly string[], seams: WebHostSeams = {}): Promise<number> {
  let options;
  try {
    options = parseWebArgs(argv);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`latchkey web: ${error.message}\n\n${WEB_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(WEB_USAGE);
    return 0;
  }
  const dataDir = path.resolve(options.dataDir ?? defaultWebDataDir());
  // A data folder that cannot work (a file, read-only, in use by another Latchkey, open to other users): say
  // which and how to fix it, and start nothing.
  const problem = checkDataFolder(dataDir, { anotherFolder: 'start with another folder: --data-dir DIR' });
  if (problem) {
    console.error(`latchkey web: ${problem}`);
    return 1;
  }
  const host = await createHost({
    transport: 'web',
    version: await readPackageVersion(root),
    dataDir,
    providers: { file: options.providers, forceDemo: options.demoIdp },
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as curl reads them; certificates as Node trusts them.
    fetch: await fetchFromEnv(process.env),
    ...(seams.now ? { now: seams.now } : {}),
  });
  let server;
  try {
    server = await startWebServer({
      host,
      staticDir: path.join(root, 'out', 'renderer'),
      port: options.port,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE' ? `port ${options.port} is already in use` : (error as Error).message;
    console.error(`latchkey web: cannot start: ${reason}`);
    await host.close();
    return 1;
  }
  console.log(`Latchkey web mode is serving ${server.url}`);
  host.warmUp();
  console.log(`Data directory: ${dataDir}`);
  const overview = host.signIn.service.overview();
  console.log(`Sign-in providers: ${overview.providers.map((p) => `${p.name} (${p.id})`).join(', ')}`);
  if (overview.problems.length > 0)
    console.log(`Providers file problems: ${overview.problems.length} (shown in the Sign-in area)`);
  if (options.open && !(await openInSystemBrowser(server.url))) {
    console.log('Could not open a browser; open the URL above yourself.');
  }
  // `on`, not `once`, and idempotent: conf (through its atomic-write helper) re-raises a signal it sees, and
  // with no listener left that second signal would kill the host before storage and the vault are closed.
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await host.close();
      await server.close();
      process.exit(0);
    })());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return -1; // keep running
}
