import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../src/main/security/url-policy.ts';

const origins = [APP_ORIGIN];

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'http://example.com/path?q=1', 'mailto:someone@example.com'])(
    'allows %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id',
    'vbscript:x',
    'https://user:pass@example.com/',
    'not a url',
    '',
    'mailto:',
    'https://' + 'a'.repeat(9000) + '.com',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('allows the app itself', () => {
    expect(decideNavigation(`${APP_ORIGIN}/index.html`, origins)).toEqual({ allow: true });
  });
  it('sends web links to the system browser instead of navigating', () => {
    expect(decideNavigation('https://example.com/', origins)).toEqual({
      allow: false,
      openExternal: 'https://example.com/',
    });
  });
  it('blocks other schemes without opening anything', () => {
    expect(decideNavigation('file:///etc/passwd', origins)).toEqual({ allow: false });
    expect(decideNavigation('app://evil/index.html', origins)).toEqual({ allow: false });
  });
  it('allows the dev server origin only when it is listed', () => {
    expect(decideNavigation('http://localhost:5173/', origins).allow).toBe(false);
    expect(decideNavigation('http://localhost:5173/', [...origins, 'http://localhost:5173'])).toEqual({
      allow: true,
    });
  });
});

describe('decideWindowOpen', () => {
  it('never opens an Electron window, but hands web links to the browser', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({
      action: 'deny',
      openExternal: 'https://example.com/',
    });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('about:blank')).toEqual({ action: 'deny' });
  });
  it('gives a site inside an in-app popup no way out to the system browser', () => {
    expect(decideWindowOpen('https://example.com/', true)).toEqual({ action: 'deny' });
  });
});

describe('decidePermission', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'unknown-future-permission',
  ])('denies %s by default', (permission) => {
    expect(decidePermission(permission, `${APP_ORIGIN}/index.html`)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app main frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true }, origins)).toBe(true);
  });
  it('refuses subframes, other origins and destroyed frames', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true }, origins)).toBe(false);
  });
});
