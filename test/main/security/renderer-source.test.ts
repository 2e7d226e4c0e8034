import { describe, expect, it } from 'vitest';
import { rendererSource } from '../../../src/main/security/renderer-source.ts';

const packaged = { appUrl: 'app://latchkey/index.html', origins: ['app://latchkey'] };

describe('rendererSource', () => {
  it.each([
    ['packaged, no switch', true, undefined, packaged],
    ['packaged, with a dev-server switch set by someone', true, 'http://127.0.0.1:5173/', packaged],
    ['development, no switch', false, undefined, packaged],
    [
      'development with electron-vite’s dev server',
      false,
      'http://localhost:5173/',
      { appUrl: 'http://localhost:5173/', origins: ['app://latchkey', 'http://localhost:5173'] },
    ],
    ['development, a remote page', false, 'https://evil.example/', packaged],
    ['development, not a URL', false, 'nonsense', packaged],
  ])('%s', (_name, isPackaged, url, expected) => {
    expect(rendererSource({ isPackaged, env: { ELECTRON_RENDERER_URL: url } })).toEqual(expected);
  });
});
