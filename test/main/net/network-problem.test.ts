/** Each way the network fails, as Node, undici and Electron's net:: report it, in words a user can act on. */
import { describe, expect, it } from 'vitest';
import { explainNetworkFailure, technicalDetail } from '../../../src/main/net/network-problem.ts';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: Error) => new TypeError('fetch failed', { cause });

describe('explaining a network failure', () => {
  it.each([
    [
      'DNS (Node)',
      fetchFailed(coded('getaddrinfo ENOTFOUND idp.corp.test', 'ENOTFOUND')),
      'name_not_resolved',
      /could not be found.*VPN/,
    ],
    ['DNS (Electron)', new Error('net::ERR_NAME_NOT_RESOLVED'), 'name_not_resolved', /could not be found/],
    [
      'refused',
      fetchFailed(coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED')),
      'connection_refused',
      /refused the connection.*down/,
    ],
    [
      'connect timeout (undici)',
      fetchFailed(coded('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT')),
      'timed_out',
      /did not answer in time/,
    ],
    [
      'deadline',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'timed_out',
      /did not answer in time/,
    ],
    [
      'private CA (Node)',
      fetchFailed(coded('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN')),
      'certificate_untrusted',
      /certificate this computer does not trust.*certificate authority/,
    ],
    [
      'private CA (Electron)',
      new Error('net::ERR_CERT_AUTHORITY_INVALID'),
      'certificate_untrusted',
      /does not trust/,
    ],
    [
      'wrong name on the certificate',
      fetchFailed(coded("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID')),
      'certificate_untrusted',
      /does not trust/,
    ],
    [
      'proxy wants a password',
      fetchFailed(new Error('Proxy response (407) !== 200 when HTTP Tunneling')),
      'proxy_auth_required',
      /user name and password/,
    ],
    [
      'proxy cannot reach it',
      fetchFailed(new Error('Proxy response (502) !== 200 when HTTP Tunneling')),
      'proxy_refused',
      /The proxy could not reach idp\.corp\.test:8443/,
    ],
    ['proxy down (Electron)', new Error('net::ERR_PROXY_CONNECTION_FAILED'), 'proxy_refused', /proxy/],
    [
      'reset',
      fetchFailed(coded('read ECONNRESET', 'ECONNRESET')),
      'connection_lost',
      /connection to idp\.corp\.test:8443 was lost/,
    ],
  ])('%s', (_label, error, kind, words) => {
    const problem = explainNetworkFailure(error, 'https://idp.corp.test:8443/realms/corp');
    expect(problem?.kind).toBe(kind);
    expect(problem?.message).toMatch(words);
    expect(problem?.message).toContain('idp.corp.test:8443');
  });

  it('is not the network when the provider answered', () => {
    expect(
      explainNetworkFailure(new Error('unexpected HTTP response status code'), 'https://idp'),
    ).toBeNull();
    expect(explainNetworkFailure('a string', 'https://idp')).toBeNull();
  });

  it('says "the provider" when it does not know the host, and keeps the raw chain as the detail', () => {
    const error = fetchFailed(coded('getaddrinfo ENOTFOUND idp.corp.test', 'ENOTFOUND'));
    expect(explainNetworkFailure(error)?.message).toMatch(/^The provider could not be found/);
    expect(technicalDetail(error)).toBe('fetch failed | getaddrinfo ENOTFOUND idp.corp.test');
  });
});
