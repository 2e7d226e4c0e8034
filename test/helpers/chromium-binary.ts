import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';

/**
 * The Chromium the tests drive. `LATCHKEY_CHROMIUM` names any Chromium (Debian's `/usr/bin/chromium`, say);
 * without it, the one shipped inside the `@sparticuz/chromium` npm tarball, so `npm install && npm test`
 * needs nothing outside the checkout.
 *
 * Only the binary is taken from that package: its own `executablePath()` unpacks into the shared
 * `os.tmpdir()` and trusts whatever is already at `/tmp/chromium` (another user could plant one there), and its
 * `args` switch web security off. So it is unpacked here into the checkout's `node_modules/.cache`, once, into
 * a private temporary folder that is renamed into place only when complete (parallel test workers race safely).
 */
export interface ChromiumBinary {
  executablePath: string;
  /** Extra environment for the browser process (fonts, and libraries only where the system lacks them). */
  env: Record<string, string>;
  /** Where it came from, for messages. */
  source: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

function packageDir(): string {
  // The package's exports hide package.json, so resolve its entry and walk up from build/index.js.
  return path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..');
}

async function inflate(archive: string, target: string, tar: boolean): Promise<void> {
  const source = createReadStream(archive);
  const brotli = createBrotliDecompress({ chunkSize: 2 ** 21 });
  await pipeline(source, brotli, tar ? extract(target) : createWriteStream(target, { mode: 0o700 }));
}

/** A fontconfig file that keeps the system's fonts and adds the package's, so text renders on a bare machine. */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(dir, 'fonts')}</dir>
  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>
</fontconfig>
`;
}

async function unpack(bin: string, finalDir: string): Promise<void> {
  await mkdir(path.dirname(finalDir), { recursive: true });
  const work = await mkdtemp(`${finalDir}.tmp-`);
  try {
    await Promise.all([
      inflate(path.join(bin, 'chromium.br'), path.join(work, 'chromium'), false),
      inflate(path.join(bin, 'fonts.tar.br'), work, true),
      inflate(path.join(bin, 'swiftshader.tar.br'), work, true),
      // NSS and friends built for Amazon Linux 2023: used only where the system has none (see below).
      inflate(path.join(bin, 'al2023.tar.br'), path.join(work, 'al2023'), true),
    ]);
    await chmod(path.join(work, 'chromium'), 0o755);
    await writeFile(path.join(work, 'fonts.conf'), fontsConf(finalDir));
    try {
      await rename(work, finalDir);
    } catch (error) {
      // Another worker finished first: its copy is complete (renames are atomic), use it.
      if (!existsSync(path.join(finalDir, 'chromium'))) throw error;
      await rm(work, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

/** Libraries the binary needs that the system lacks (`ldd` says "not found"). */
function missingLibraries(executable: string): string[] {
  const r = spawnSync('ldd', [executable], { encoding: 'utf8' });
  if (r.status !== 0) return [];
  return r.stdout
    .split('\n')
    .filter((line) => line.includes('not found'))
    .map((line) => line.trim().split(' ')[0] ?? '');
}

export async function chromiumBinary(): Promise<ChromiumBinary> {
  const override = process.env.LATCHKEY_CHROMIUM;
  if (override) {
    if (!existsSync(override)) {
      throw new Error(`LATCHKEY_CHROMIUM=${override} does not exist; unset it to use the Chromium from npm`);
    }
    return { executablePath: override, env: {}, source: `LATCHKEY_CHROMIUM (${override})` };
  }
  const pkg = packageDir();
  const version = (JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string })
    .version;
  const dir = path.join(ROOT, 'node_modules', '.cache', 'latchkey-chromium', version);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(executablePath)) await unpack(path.join(pkg, 'bin'), dir);
  const env: Record<string, string> = { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') };
  if (missingLibraries(executablePath).length > 0) {
    env.LD_LIBRARY_PATH = [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH]
      .filter(Boolean)
      .join(':');
  }
  return { executablePath, env, source: `@sparticuz/chromium ${version}` };
}
