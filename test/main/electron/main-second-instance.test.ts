/** A second launch does nothing but quit (the first instance brings its window forward). */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
electron.app.singleInstance = false;
const main = await import('../../../src/main/electron/main.ts');
await main.started;

describe('a second instance', () => {
  it('quits at once, before registering anything or opening a window', () => {
    expect(electron.calls).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(BrowserWindowMock.all).toEqual([]);
  });
});
