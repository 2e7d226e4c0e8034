/**
 * `npm run test:electron` (through scripts/electron.ts, which makes sure the binary is there and builds):
 * drives the real desktop app with Playwright's Electron support.
 */
import { _electron as electron } from 'playwright-core';

const binary = process.env.ELECTRON_EXEC_PATH;
if (!binary) throw new Error('run this through `npm run test:electron`, which finds the Electron binary');
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
