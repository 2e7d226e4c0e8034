/**
 * The authenticated-request helper against a real HTTP API on 127.0.0.1: the token goes only to the
 * provider's API origins, a 401 gets one refresh and one retry, and the answer is bounded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendAuthenticated } from '../../../src/main/auth/authenticated-request.ts';
import type { ProviderRuntime, TokenSet } from '../../../src/main/auth/providers/types.ts';
import { TokenSession } from '../../../src/main/auth/token-session.ts';
import { LIMITS } from '../../../src/shared/limits.ts';
import { defer } from '../../helpers/disposables.ts';
import { floodServer } from '../../helpers/flood-server.ts';

interface Api {
  origin: string;
  seen: Array<{ authorization: string | undefined; path: string }>;
}

/** An API that answers 401 to `at-0` (revoked early) and echoes the path for any other token. */
async function api(answer?: (res: http.ServerResponse) => void): Promise<Api> {
  const seen: Api['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ authorization: req.headers.authorization, path: req.url ?? '' });
    if (answer) return answer(res);
    if (req.headers.authorization === 'Bearer at-0') {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise((resolve) => server.close(resolve)), 'the test API');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function session(origins: string[]) {
  let refreshes = 0;
  const config = new client.Configuration(
    { issuer: 'https://idp.example.test', token_endpoint: 'https://idp.example.test/token' },
    'app',
  );
  config[client.customFetch] = async () => {
    refreshes++;
    return Response.json({ access_token: `at-${refreshes}`, token_type: 'Bearer', expires_in: 3600 });
  };
  const runtime = {
    settings: { id: 'corp', name: 'Corp' },
    configuration: async () => config,
    apiOrigins: async () => origins,
    fetch,
  } as unknown as ProviderRuntime;
  const tokens: TokenSet = {
    accessToken: 'at-0',
    tokenType: 'Bearer',
    refreshToken: 'rt-0',
    issuedAt: Date.now(),
    expiresAt: Date.now() + 3600_000,
    scopes: [],
  };
  const s = new TokenSession(runtime, tokens, null, null, {
    now: () => Date.now(),
    persist: async () => {},
    invalidated: vi.fn(),
    changed: vi.fn(),
    log: { warn: vi.fn() },
  });
  defer(() => s.end(), 'the token session');
  return { s, refreshes: () => refreshes };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('authenticated requests', () => {
  it("refuses to send the token to an origin that is not the provider's API, before any request", async () => {
    const target = await api();
    const { s } = session(['https://api.example.test']);
    await expect(sendAuthenticated(s, { url: `${target.origin}/steal` })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('https://api.example.test'),
    });
    expect(target.seen).toHaveLength(0);
  });

  it('on a 401 refreshes once and retries once with the new token', async () => {
    const target = await api();
    const { s, refreshes } = session([target.origin]);
    const answer = await sendAuthenticated(s, { url: `${target.origin}/me` });
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' });
    expect(JSON.parse(answer.body)).toEqual({ path: '/me' });
    expect(refreshes()).toBe(1);
    expect(target.seen.map((r) => r.authorization)).toEqual(['Bearer at-0', 'Bearer at-1']);
  });

  it('answers a refused request as it came, after the one retry', async () => {
    const target = await api((res) => res.writeHead(401).end('no'));
    const { s, refreshes } = session([target.origin]);
    await expect(sendAuthenticated(s, { url: `${target.origin}/me` })).resolves.toMatchObject({
      status: 401,
      body: 'no',
    });
    expect(refreshes()).toBe(1);
    expect(target.seen).toHaveLength(2);
  });

  it('refuses an answer over 5 MiB with a typed error', async () => {
    const target = await api((res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
    });
    const { s } = session([target.origin]);
    await expect(sendAuthenticated(s, { url: `${target.origin}/big` })).rejects.toMatchObject({
      code: 'too_large',
    });
  });

  it('stops a 50 MB answer at the limit while it streams, instead of reading it whole first', async () => {
    const flood = await floodServer({ total: 50 * 1024 * 1024, contentType: 'text/plain' });
    const { s } = session([flood.origin]);
    await expect(sendAuthenticated(s, { url: `${flood.origin}/big` })).rejects.toMatchObject({
      code: 'too_large',
      details: { limit: LIMITS.maxApiResponseBytes },
    });
    await flood.ended();
    // The old code read all 50 MB before refusing it.
    expect(flood.sent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('says which host could not be reached', async () => {
    const { s } = session(['http://127.0.0.1:9']);
    await expect(sendAuthenticated(s, { url: 'http://127.0.0.1:9/me' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('could not reach 127.0.0.1:9'),
    });
  });
});
