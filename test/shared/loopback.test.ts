import { describe, expect, it } from 'vitest';
import { hostOrigin, isLoopbackHost, isLoopbackUrl } from '../../src/shared/loopback.ts';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true], // URL.hostname
    ['::1', true], // a socket address
    ['127.0.0.2', false],
    ['0.0.0.0', false],
    ['localhost.', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['[::ffff:127.0.0.1]', false],
    ['example.com', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('agrees with how URL spells each loopback host', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://[::1]:9000/x']) {
      expect(isLoopbackHost(new URL(url).hostname)).toBe(true);
    }
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:9000/realms/x', true],
    ['https://localhost/', true],
    ['http://[::1]:8400/callback', true],
    ['http://127.0.0.1@evil.example/', false],
    ['http://evil.example/?127.0.0.1', false],
    ['file://localhost/etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});

describe('hostOrigin', () => {
  it.each([
    ['github.com', true, 'https://github.com'],
    ['127.0.0.1:8080', true, 'http://127.0.0.1:8080'],
    ['localhost:8080', true, 'http://localhost:8080'],
    ['[::1]:8080', true, 'http://[::1]:8080'],
    ['127.0.0.1:8080', false, 'https://127.0.0.1:8080'],
    ['127.0.0.1:8080', undefined, 'https://127.0.0.1:8080'],
    ['gitlab.example.com', true, 'https://gitlab.example.com'],
  ])('%s with allowInsecureHttp %s → %s', (host, allow, expected) => {
    expect(hostOrigin(host, allow)).toBe(expected);
  });
});
