/**
 * Sign-in where users really are: web mode (the shipped out/main/web.js) with nothing but the conventional
 * environment — HTTPS_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS — against an OpenID provider whose name
 * (idp.corp.test) only the company's CONNECT proxy resolves and whose certificate comes from a private
 * root CA made for this run. The browser's part goes through the same proxy and CA.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, fetch as undiciFetch, ProxyAgent } from 'undici';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.ts';
import { CORP_CLIENT, startCorpIdp, type CorpIdp } from '../helpers/corp-idp.ts';
import { makePrivateCa, type PrivateCa } from '../helpers/private-ca.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { webApi, type WebCall } from './helpers/web-api.ts';
import { startWebHost, type RunningWebHost } from './helpers/web-host.ts';

const NAME = 'idp.corp.test';
/** A second provider, down at first: the proxy cannot reach it until the test routes it. */
const DOWN = 'down.corp.test:8443';
let ca: PrivateCa;
let proxy: ConnectProxy;
let idp: CorpIdp;
let web: RunningWebHost;
let call: WebCall;

interface Card {
  id: string;
  state: { status: string; lastError?: { error: string; errorDescription: string } };
}
const card = async (id = 'corp'): Promise<Card> =>
  ((await call('auth.providers', [])) as { providers: Card[] }).providers.find((p) => p.id === id)!;

/** The user's browser: through the company proxy, trusting the company CA; the loopback redirect direct. */
async function approveInCorpBrowser(authorizationUrl: string): Promise<number> {
  const dispatcher = new ProxyAgent({
    uri: proxy.url,
    requestTls: { ca: readFileSync(ca.caFile) },
  });
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await undiciFetch(url, { redirect: 'manual', dispatcher, headers: { cookie } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url} (${res.status}: ${await res.text()})`);
    await res.body?.cancel();
    const next = new URL(location, url);
    if (next.hostname === '127.0.0.1') {
      const landing = await undiciFetch(next, { redirect: 'manual', dispatcher: new Agent() });
      await landing.body?.cancel();
      return landing.status;
    }
    url = next.href;
  }
  throw new Error('too many redirects at the provider');
}

beforeAll(async () => {
  ca = makePrivateCa(NAME, 'down.corp.test');
  proxy = await startConnectProxy();
  idp = await startCorpIdp(NAME, ca);
  proxy.routes.set(`${NAME}:${idp.port}`, idp.port);
  const dir = tempDir('corp-network');
  const providers = path.join(dir, 'providers.json');
  writeFileSync(
    providers,
    JSON.stringify({
      providers: [
        { type: 'oidc', id: 'corp', name: 'Corp', issuer: idp.issuer, clientId: CORP_CLIENT },
        { type: 'oidc', id: 'down', name: 'Down', issuer: `https://${DOWN}`, clientId: CORP_CLIENT },
      ],
    }),
  );
  web = await startWebHost(['--providers', providers], undefined, {
    env: {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'intranet.corp.test',
      NODE_EXTRA_CA_CERTS: ca.caFile,
    },
  });
  call = await webApi(web, 'corp-network-1');
}, 60_000);

afterAll(async () => {
  expect(await web?.stop()).toBe(0);
  await idp?.close();
  await proxy?.close();
});

describe('a corporate network: proxy, private CA, a name only the proxy knows', () => {
  it('signs in through the proxy with the private CA, refreshes through it, and keeps loopback direct', async () => {
    const { authorizationUrl } = (await call('auth.signIn', ['corp', {}])) as { authorizationUrl: string };
    expect(new URL(authorizationUrl).host).toBe(`${NAME}:${idp.port}`);
    // Discovery could only have reached idp.corp.test through the proxy.
    expect(proxy.connects).toContain(`${NAME}:${idp.port}`);
    expect(await approveInCorpBrowser(authorizationUrl)).toBeLessThan(400);
    await vi.waitFor(async () => expect((await card()).state.status).toBe('signedIn'), { timeout: 15_000 });
    expect(idp.grants.authorization_code).toBe(1);

    await call('auth.refresh', ['corp']);
    expect(idp.grants.refresh_token).toBe(1);
    // Nothing on this machine went through the proxy: not the loopback redirect, not the web host itself.
    expect(proxy.connects.filter((c) => /^(127\.|localhost:|\[::1\])/.test(c))).toEqual([]);
  });

  it('with the provider down, one click makes at most 3 connection attempts and says what failed; the next click after it is up signs in', async () => {
    // The web host may look the provider up in the background (its offers): let that settle first.
    await vi.waitFor(() => expect(proxy.connects.filter((c) => c === DOWN).length).toBeGreaterThan(0));
    const before = proxy.connects.filter((c) => c === DOWN).length;
    const failed = await call('auth.signIn', ['down', {}]).catch((error: unknown) => error);
    const attempts = proxy.connects.filter((c) => c === DOWN).length - before;
    console.log(`provider down: ${attempts} connection attempts for one click`);
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual(3);
    expect(failed).toMatchObject({ code: 'unavailable' });
    const { lastError } = (await card('down')).state;
    expect(lastError?.errorDescription).toMatch(/down\.corp\.test/);
    expect(lastError?.errorDescription).toMatch(/proxy/i);

    // The provider comes up behind the proxy: the next click discovers it again, no restart.
    const up = await startCorpIdp('down.corp.test', ca, 8443);
    try {
      proxy.routes.set(DOWN, up.port);
      const { authorizationUrl } = (await call('auth.signIn', ['down', {}])) as { authorizationUrl: string };
      expect(await approveInCorpBrowser(authorizationUrl)).toBeLessThan(400);
      await vi.waitFor(async () => expect((await card('down')).state.status).toBe('signedIn'), {
        timeout: 15_000,
      });
    } finally {
      await up.close();
    }
  });
});
