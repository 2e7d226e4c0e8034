/** What happens when callbacks, providers or the network misbehave: each gets a clear, typed failure. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { defer, track } from '../../helpers/disposables.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

const corp = (extra: Record<string, unknown> = {}) => oidcEntry(idp, extra);

async function pending() {
  const rec = await signInServiceFor([corp()]);
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn('corp');
  const params = new URL(authorizationUrl).searchParams;
  return { rec, redirectUri: params.get('redirect_uri')!, state: params.get('state')! };
}

/** A GET that reports the status, or 0 when nothing listens any more. */
async function get(url: string): Promise<number> {
  try {
    return (await fetch(url, { redirect: 'manual' })).status;
  } catch {
    return 0;
  }
}

describe('callbacks that must fail', () => {
  it('a wrong state does not end the sign-in: 400, still pending, and the real redirect can still come', async () => {
    const { rec, redirectUri, state } = await pending();
    expect(await get(`${redirectUri}?code=abc&state=forged&iss=${encodeURIComponent(idp.issuer)}`)).toBe(400);
    expect(await get(`${redirectUri}?code=abc`)).toBe(400);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'pending' });
    // The real callback (right state) is still accepted; its made-up code then fails at the provider.
    const failed = rec.next('auth.signInFailed', 'corp');
    expect(await get(`${redirectUri}?code=abc&state=${state}&iss=${encodeURIComponent(idp.issuer)}`)).toBe(
      303,
    );
    expect((await failed).error).toBe('invalid_grant');
  });

  it('an iss that is not the issuer (RFC 9207 mix-up defence)', async () => {
    const { rec, redirectUri, state } = await pending();
    const failed = rec.next('auth.signInFailed', 'corp');
    await get(`${redirectUri}?code=abc&state=${state}&iss=${encodeURIComponent('http://127.0.0.1:1/evil')}`);
    expect((await failed).errorDescription).toMatch(/iss/);
  });

  it('error=access_denied from the provider', async () => {
    const { rec, redirectUri, state } = await pending();
    const failed = rec.next('auth.signInFailed', 'corp');
    await get(
      `${redirectUri}?error=access_denied&error_description=The+user+said+no&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
    );
    expect(await failed).toEqual({
      providerId: 'corp',
      error: 'access_denied',
      errorDescription: 'The user said no',
    });
  });

  it('a replayed callback is not accepted a second time', async () => {
    const { rec, redirectUri, state } = await pending();
    const failed = rec.next('auth.signInFailed', 'corp');
    const callback = `${redirectUri}?code=stolen&state=${state}&iss=${encodeURIComponent(idp.issuer)}`;
    expect(await get(callback)).toBe(303);
    expect((await failed).error).toBe('invalid_grant');
    expect([0, 404]).toContain(await get(callback));
  });

  it('a callback on a foreign path gets 404 and leaves the attempt waiting; the receiver is no open redirector', async () => {
    const { rec, redirectUri } = await pending();
    const origin = new URL(redirectUri).origin;
    expect(await get(`${origin}/callback/other?code=x&state=y`)).toBe(404);
    expect(await get(`${origin}/?next=https://evil.example`)).toBe(404);
    const res = await fetch(`${redirectUri}/done/guess`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(rec.service.overview().providers[0]!.state.status).toBe('pending');
  });
});

describe('attempt control', () => {
  it('cancel ends the attempt and closes the port', async () => {
    const { rec, redirectUri, state } = await pending();
    const failed = rec.next('auth.signInFailed', 'corp');
    expect(rec.service.cancel('corp')).toBe(true);
    expect(await failed).toMatchObject({ error: 'cancelled' });
    expect(await get(`${redirectUri}?code=x&state=${state}`)).toBe(0);
    expect(rec.service.cancel('corp')).toBe(false);
  });

  it('a second attempt replaces the first cleanly', async () => {
    const { rec, redirectUri } = await pending();
    const second = await rec.service.signIn('corp');
    expect(await get(`${redirectUri}?code=x&state=y`)).toBe(0);
    expect(rec.events.filter((e) => e.name === 'auth.signInFailed')).toEqual([]);
    const state = rec.service.overview().providers[0]!.state;
    expect(state).toMatchObject({ status: 'pending', authorizationUrl: second.authorizationUrl });
  });

  it('a fixed redirect port that is in use gives a clear error', async () => {
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    defer(() => blocker.close());
    const port = (blocker.address() as AddressInfo).port;
    const rec = await signInServiceFor([corp({ redirectUri: `http://127.0.0.1:${port}/callback/corp` })]);
    track(rec.service);
    const failed = rec.next('auth.signInFailed', 'corp');
    await expect(rec.service.signIn('corp')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`port ${port}`),
    });
    expect((await failed).errorDescription).toContain('in use');
  });

  it('a fixed redirect URI is used as given', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const rec = await signInServiceFor([corp({ redirectUri: `http://localhost:${port}/callback/corp` })]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp');
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(
      `http://localhost:${port}/callback/corp`,
    );
  });
});

describe('providers that misbehave', () => {
  it('an unreachable provider', async () => {
    const rec = await signInServiceFor([corp({ issuer: 'http://127.0.0.1:9/' })]);
    track(rec.service);
    const failed = rec.next('auth.signInFailed', 'corp');
    await expect(rec.service.signIn('corp')).rejects.toMatchObject({ code: 'unavailable' });
    expect((await failed).errorDescription).toMatch(/cannot use http:\/\/127\.0\.0\.1:9/);
  });

  it.each([
    [
      'an issuer that does not match',
      (port: number) =>
        JSON.stringify({ issuer: `http://127.0.0.1:${port}/other`, authorization_endpoint: 'x' }),
      /issuer/i,
    ],
    ['not JSON', () => '<html>maintenance</html>', /JSON|content-type|parse/i],
    ['a 500', () => null, /500|status/i],
  ])('a discovery document that is %s', async (_name, body, message) => {
    const server = http.createServer((_req, res) => {
      const port = (server.address() as AddressInfo).port;
      const text = body(port);
      if (text === null) return void res.writeHead(500).end();
      res
        .writeHead(200, { 'content-type': text.startsWith('{') ? 'application/json' : 'text/html' })
        .end(text);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    defer(() => server.close());
    const port = (server.address() as AddressInfo).port;
    const rec = await signInServiceFor([corp({ issuer: `http://127.0.0.1:${port}` })]);
    track(rec.service);
    const failed = rec.next('auth.signInFailed', 'corp');
    await expect(rec.service.signIn('corp')).rejects.toMatchObject({ code: 'unavailable' });
    expect((await failed).errorDescription).toMatch(message);
  });

  it('an unknown provider id is a typed error', async () => {
    const rec = await signInServiceFor([corp()]);
    track(rec.service);
    await expect(rec.service.signIn('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(rec.service.refresh('corp')).rejects.toMatchObject({ code: 'not_found' });
  });
});
