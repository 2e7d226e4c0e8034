/** What a deep link means (a table), and what the router does with it. */
import { describe, expect, it, vi } from 'vitest';
import {
  DeepLinkRouter,
  deepLinkInArgv,
  loggableLink,
  parseDeepLink,
} from '../../../src/main/electron/deep-links.ts';

describe('parseDeepLink', () => {
  it.each([
    ['latchkey://open/storage', { kind: 'open', area: 'storage' }],
    ['latchkey://open/signin', { kind: 'open', area: 'signin' }],
    ['latchkey://open/about/', { kind: 'open', area: 'about' }],
    ['LATCHKEY://open/window', { kind: 'open', area: 'window' }],
    [
      'latchkey://auth/callback?code=abc&state=s',
      { kind: 'auth', url: 'latchkey://auth/callback?code=abc&state=s' },
    ],
    ['latchkey://open/nowhere', { kind: 'ignored', reason: 'unknown area' }],
    ['latchkey://open/', { kind: 'ignored', reason: 'unknown area' }],
    ['latchkey://open/storage/extra', { kind: 'ignored', reason: 'unknown area' }],
    ['latchkey://delete/everything', { kind: 'ignored', reason: 'unknown link' }],
    ['latchkey://user:pw@open/storage', { kind: 'ignored', reason: 'credentials in the link' }],
    ['https://open/storage', { kind: 'ignored', reason: 'another scheme' }],
    ['not a url', { kind: 'ignored', reason: 'not a URL' }],
    [`latchkey://open/${'a'.repeat(5000)}`, { kind: 'ignored', reason: 'too long' }],
  ])('%s', (url, expected) => {
    expect(parseDeepLink(url, 'latchkey')).toEqual(expected);
  });

  it('reads another scheme when the identity names one', () => {
    expect(parseDeepLink('acme://open/storage', 'acme')).toEqual({ kind: 'open', area: 'storage' });
    expect(parseDeepLink('latchkey://open/storage', 'acme')).toMatchObject({ kind: 'ignored' });
  });
});

describe('deepLinkInArgv', () => {
  it.each([
    [['/opt/Latchkey/latchkey', '--no-sandbox', 'latchkey://open/storage'], 'latchkey://open/storage'],
    [
      ['C:\\Latchkey.exe', '--allow-file-access-from-files', 'latchkey://open/storage/'],
      'latchkey://open/storage/',
    ],
    [['/opt/Latchkey/latchkey', '--providers', 'p.json'], null],
  ])('%j', (argv, expected) => {
    expect(deepLinkInArgv(argv, 'latchkey')).toBe(expected);
  });
});

describe('DeepLinkRouter', () => {
  const setup = () => {
    const warn = vi.fn();
    const router = new DeepLinkRouter('latchkey', { warn, error: vi.fn() });
    const openArea = vi.fn();
    return { router, warn, openArea };
  };

  it('holds links that arrive before the app is ready, then delivers them', () => {
    const { router, openArea } = setup();
    expect(router.receive('latchkey://open/storage')).toBe('queued');
    expect(openArea).not.toHaveBeenCalled();
    router.ready({ openArea });
    expect(openArea).toHaveBeenCalledWith('storage');
  });

  it('hands sign-in redirects to the hook, whole, and only while one is set', () => {
    const { router, openArea, warn } = setup();
    router.ready({ openArea });
    const redirect = vi.fn();
    const off = router.onAuthRedirect(redirect);
    router.receive('latchkey://auth/callback/corp?code=c1&state=s1');
    expect(redirect).toHaveBeenCalledWith('latchkey://auth/callback/corp?code=c1&state=s1');
    off();
    expect(router.receive('latchkey://auth/callback/corp?code=c2&state=s2')).toMatchObject({
      kind: 'ignored',
    });
    expect(redirect).toHaveBeenCalledOnce();
    expect(warn.mock.calls.join(' ')).not.toMatch(/c2|s2/);
  });

  it('ignores anything else, logging it without its query', () => {
    const { router, openArea, warn } = setup();
    router.ready({ openArea });
    router.receive('latchkey://open/nowhere?token=leak#frag');
    expect(openArea).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('latchkey: deep link ignored (unknown area): latchkey://open/nowhere');
  });

  it('logs a link as scheme, host and path only', () => {
    expect(loggableLink('latchkey://auth/cb?code=1#x')).toBe('latchkey://auth/cb');
  });
});
