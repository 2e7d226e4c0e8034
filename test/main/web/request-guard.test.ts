import { describe, expect, it } from 'vitest';
import {
  checkApiRequest,
  checkPageRequest,
  isValidClientId,
  secretsEqual,
} from '../../../src/main/web/request-guard.ts';

const config = { port: 8550, secret: 'the-secret' };
const good = {
  host: '127.0.0.1:8550',
  origin: 'http://127.0.0.1:8550',
  secFetchSite: 'same-origin',
  presentedSecret: 'the-secret',
};

describe('checkApiRequest', () => {
  it('allows our own page with the secret', () => {
    expect(checkApiRequest(good, config)).toEqual({ allow: true });
    expect(
      checkApiRequest({ ...good, host: 'localhost:8550', origin: 'http://localhost:8550' }, config),
    ).toEqual({ allow: true });
  });
  it('allows a non-browser client with the secret and no Origin', () => {
    expect(checkApiRequest({ ...good, origin: undefined, secFetchSite: undefined }, config)).toEqual({
      allow: true,
    });
  });
  it.each([
    ['a missing secret', { presentedSecret: undefined }, 401],
    ['a wrong secret', { presentedSecret: 'the-secreT' }, 401],
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['an Origin on another port', { origin: 'http://127.0.0.1:9999' }, 403],
    ['a cross-site fetch', { secFetchSite: 'cross-site' }, 403],
    ['a DNS-rebound Host', { host: 'evil.example:8550' }, 421],
    ['a missing Host', { host: undefined }, 421],
    ['a Host on another port', { host: '127.0.0.1:80' }, 421],
  ])('refuses %s', (_name, change, status) => {
    expect(checkApiRequest({ ...good, ...change }, config)).toMatchObject({ allow: false, status });
  });
});

describe('checkPageRequest', () => {
  it('serves the page to our own Host only', () => {
    expect(checkPageRequest({ ...good, presentedSecret: undefined }, config)).toEqual({ allow: true });
    expect(checkPageRequest({ ...good, host: 'rebound.example:8550' }, config)).toMatchObject({
      allow: false,
      status: 421,
    });
  });
});

describe('secretsEqual and isValidClientId', () => {
  it('compares secrets exactly', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abcd', 'abc')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
  });
  it('accepts page ids of a safe shape only', () => {
    expect(isValidClientId('0b4c2d6e-1f3a-4b5c-8d9e-0a1b2c3d4e5f')).toBe(true);
    expect(isValidClientId('short')).toBe(false);
    expect(isValidClientId('../../etc')).toBe(false);
    expect(isValidClientId(42)).toBe(false);
  });
});
