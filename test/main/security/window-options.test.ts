import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../../src/main/security/window-options.ts';

describe('secureWebPreferences', () => {
  it('keeps the Electron security baseline', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('has no preload key at all for windows that must not get one', () => {
    expect('preload' in secureWebPreferences(undefined)).toBe(false);
  });
});

describe('mainWindowOptions', () => {
  it('starts hidden and paints the theme background to avoid a white flash', () => {
    expect(mainWindowOptions({ preloadPath: 'x', darkBackground: true })).toMatchObject({
      show: false,
      backgroundColor: '#15171b',
    });
    expect(mainWindowOptions({ preloadPath: 'x', darkBackground: false }).backgroundColor).toBe('#f6f7f9');
  });

  it('uses the secure web preferences', () => {
    expect(mainWindowOptions({ preloadPath: 'x', darkBackground: false }).webPreferences).toEqual(
      secureWebPreferences('x'),
    );
  });
});
