import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron } = await import('../../helpers/electron-mock.ts');
const { serveRenderer } = await import('../../../src/main/electron/app-protocol.ts');

const root = tempDir('renderer');
const renderer = path.join(root, 'renderer');
mkdirSync(path.join(renderer, 'assets'), { recursive: true });
writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Latchkey</title>');
writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
serveRenderer(renderer);
const serve = (url: string) => Promise.resolve(electron.protocol.handlers.get('app')!(new Request(url)));

describe('the app:// protocol', () => {
  it('serves the built renderer', async () => {
    expect(await (await serve('app://latchkey/')).text()).toContain('<title>Latchkey</title>');
    expect(await (await serve('app://latchkey/assets/app.js')).text()).toBe('console.log(1)');
  });

  it('refuses paths outside the renderer folder, however they are spelled', async () => {
    for (const url of [
      'app://latchkey/../secret.txt',
      'app://latchkey/%2e%2e/secret.txt',
      'app://latchkey/assets/..%2f..%2fsecret.txt',
      'app://latchkey/%2e%2e%5csecret.txt',
    ]) {
      const response = await serve(url);
      expect(response.status, url).toBe(404);
    }
  });

  it('refuses another host and a missing file', async () => {
    expect((await serve('app://other/index.html')).status).toBe(404);
    expect((await serve('app://latchkey/nope.js')).status).toBe(404);
  });
});
