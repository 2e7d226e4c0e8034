/**
 * `npm run test:electron`: drives the real desktop app with Playwright's Electron support where the Electron
 * binary is present. Here (no binary can be downloaded) it says it was skipped and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron } from 'playwright-core';

const require = createRequire(import.meta.url);
// Find the binary without require('electron'), which would try to download it.
function electronBinary(): string | null {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  return path.join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
    readFileSync(pathFile, 'utf8'),
  );
}
const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  console.log(
    'test:electron skipped: the Electron binary is not installed on this machine (it downloads on first launch, which needs internet).',
  );
  process.exit(0);
}
const app = await electron.launch({ executablePath: binary, args: ['out/main/index.js'] });
try {
  const window = await app.firstWindow();
  await window.getByRole('tab', { name: 'Sign-in' }).waitFor();
  if ((await window.title()) !== 'Latchkey') throw new Error(`unexpected title ${await window.title()}`);
  const exposed = await window.evaluate(
    () => Object.keys((window as unknown as { latchkey: object }).latchkey).length,
  );
  if (exposed < 10) throw new Error('the preload API is missing');
  const hasNode = await window.evaluate(
    () => typeof (globalThis as { require?: unknown }).require !== 'undefined',
  );
  if (hasNode) throw new Error('Node integration is on in the renderer');
  console.log('test:electron: 3 passed, 0 failed');
} finally {
  await app.close();
}
