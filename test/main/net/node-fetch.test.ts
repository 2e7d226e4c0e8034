/**
 * Web mode's fetch follows the proxy environment as curl does, never proxies this machine, and honours
 * NO_PROXY; a real HTTP server and a real CONNECT proxy on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchFromEnv } from '../../../src/main/net/node-fetch.ts';
import { explainNetworkFailure, technicalDetail } from '../../../src/main/net/network-problem.ts';
import { describeProxy, proxyFromEnv } from '../../../src/main/net/proxy-env.ts';
import { startConnectProxy } from '../../helpers/connect-proxy.ts';
import { defer } from '../../helpers/disposables.ts';

async function server(): Promise<string> {
  const s = http.createServer((_req, res) => res.end('direct'));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise((resolve) => s.close(resolve)), 'the test server');
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('the proxy environment', () => {
  it.each([
    [{}, null],
    [{ HTTPS_PROXY: 'http://p:3128' }, { httpsProxy: 'http://p:3128', httpProxy: undefined, noProxy: '' }],
    [
      { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' },
      { httpsProxy: 'http://lower:1', httpProxy: undefined, noProxy: '' },
    ],
    [
      { HTTP_PROXY: 'http://p:80', no_proxy: '.corp.test' },
      { httpProxy: 'http://p:80', httpsProxy: undefined, noProxy: '.corp.test' },
    ],
    // Without a scheme, as curl takes it: http.
    [
      { HTTPS_PROXY: 'proxy.corp:3128' },
      { httpsProxy: 'http://proxy.corp:3128', httpProxy: undefined, noProxy: '' },
    ],
  ])('%j', (env, expected) => {
    expect(proxyFromEnv(env)).toEqual(expected);
  });

  it('never names the proxy password', () => {
    expect(describeProxy('http://alice:s3cret@proxy.corp.test:3128')).toBe('http://proxy.corp.test:3128');
  });

  it('reaches this machine directly even when every proxy variable is set and NO_PROXY is empty', async () => {
    const proxy = await startConnectProxy();
    defer(() => proxy.close(), 'the proxy');
    const target = await server();
    const fetch = await fetchFromEnv({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    const res = await fetch(`${target}/x`);
    expect(await res.text()).toBe('direct');
    expect(proxy.connects).toEqual([]);
  });

  it("answers with the global Response class through the proxy too (openid-client's checks rely on it)", async () => {
    const proxy = await startConnectProxy();
    defer(() => proxy.close(), 'the proxy');
    // A provider behind the proxy that is having a bad day (a load balancer's 503 page).
    const down = http.createServer((_req, res) =>
      res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503</h1>'),
    );
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => down.close(resolve)), 'the provider');
    proxy.routes.set('idp.corp.test:80', (down.address() as AddressInfo).port);
    const fetch = await fetchFromEnv({ HTTP_PROXY: proxy.url });
    const res = await fetch('http://idp.corp.test/.well-known/openid-configuration');
    expect(res.status).toBe(503);
    expect(res).toBeInstanceOf(Response);
    expect(await res.text()).toBe('<h1>503</h1>');
  });

  it('blames the proxy, not the provider, when the proxy itself cannot be reached', async () => {
    const gone = http.createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const fetch = await fetchFromEnv({ HTTPS_PROXY: `http://alice:s3cret@127.0.0.1:${port}` });
    const error = await fetch('https://idp.corp.test/').catch((e: unknown) => e);
    const problem = explainNetworkFailure(error, 'https://idp.corp.test/realms/corp');
    expect(problem?.kind).toBe('proxy_unreachable');
    expect(problem?.message).toMatch(/The proxy could not be reached.*HTTPS_PROXY/);
    expect(technicalDetail(error)).toContain(`the proxy http://127.0.0.1:${port} could not be reached`);
    expect(technicalDetail(error)).not.toContain('s3cret');
  });

  it('sends other hosts through the proxy, and NO_PROXY hosts past it', async () => {
    const proxy = await startConnectProxy();
    defer(() => proxy.close(), 'the proxy');
    const fetch = await fetchFromEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: 'direct.corp.test' });
    await expect(fetch('https://idp.corp.test:8443/')).rejects.toThrow();
    expect(proxy.connects).toEqual(['idp.corp.test:8443']);
    // Not through the proxy: the name is tried directly (and does not resolve here).
    await expect(fetch('https://direct.corp.test:8443/')).rejects.toThrow();
    expect(proxy.connects).toEqual(['idp.corp.test:8443']);
  });
});
