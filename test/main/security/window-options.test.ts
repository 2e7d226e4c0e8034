import { describe, expect, it } from 'vitest';
import {
  mainWindowOptions,
  secureWebPreferences,
  windowStyleOptions,
} from '../../../src/main/security/window-options.ts';

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

describe('windowStyleOptions', () => {
  it('frameless, hidden title bar and transparent become the creation options Electron fixes', () => {
    expect(windowStyleOptions({ frameless: false, titleBarHidden: false, transparent: false })).toEqual({
      frame: true,
      titleBarStyle: 'default',
      transparent: false,
    });
    expect(windowStyleOptions({ frameless: true, titleBarHidden: true, transparent: true })).toEqual({
      frame: false,
      titleBarStyle: 'hidden',
      transparent: true,
      // Else Electron paints a transparent window's background opaque.
      backgroundColor: '#00000000',
      hasShadow: false,
    });
  });
});
