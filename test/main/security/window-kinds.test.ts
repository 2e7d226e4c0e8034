import { describe, expect, it } from 'vitest';
import {
  floatingWindowOptions,
  POPUP_PARTITION,
  popupName,
  popupWindowOptions,
} from '../../../src/main/security/window-kinds.ts';
import { APP_ORIGIN, decideNavigation } from '../../../src/main/security/url-policy.ts';

describe('floating window options', () => {
  it('are transparent, frameless, title bar hidden, on top, at the given position, with the secure baseline', () => {
    const o = floatingWindowOptions({ left: 10, top: 20 }, '/p.cjs');
    expect(o).toMatchObject({
      x: 10,
      y: 20,
      transparent: true,
      frame: false,
      titleBarStyle: 'hidden',
      alwaysOnTop: true,
      backgroundColor: '#00000000',
    });
    expect(o.webPreferences).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });
});

describe('in-app popups', () => {
  it('have no preload, are sandboxed, and use their own in-memory session', () => {
    const o = popupWindowOptions({ width: 640, height: 480 });
    expect(o).toMatchObject({ width: 640, height: 480 });
    expect(o.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: POPUP_PARTITION,
    });
    expect('preload' in o.webPreferences!).toBe(false);
    expect(POPUP_PARTITION.startsWith('persist:')).toBe(false);
  });
  it('clamp silly sizes', () => {
    expect(popupWindowOptions({ width: 5, height: 99_999 })).toMatchObject({ width: 200, height: 4000 });
  });
  it('are reused by name, never for _blank or _self', () => {
    expect(popupName('docs')).toBe('docs');
    expect(popupName('_blank')).toBeNull();
    expect(popupName('_self')).toBeNull();
    expect(popupName(undefined)).toBeNull();
  });
  it('may follow web links inside themselves, but not other schemes or the app', () => {
    expect(decideNavigation('https://example.com/next', [APP_ORIGIN], true)).toEqual({ allow: true });
    expect(decideNavigation('file:///etc/passwd', [APP_ORIGIN], true)).toEqual({ allow: false });
    expect(decideNavigation(`${APP_ORIGIN}/index.html`, [APP_ORIGIN], true)).toEqual({ allow: false });
  });
});
