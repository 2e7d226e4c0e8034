import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { LoopbackReceiver } from '../../../src/main/auth/loopback.ts';
import { track } from '../../helpers/disposables.ts';

describe('LoopbackReceiver', () => {
  it('listens on 127.0.0.1 at a free port with the given path', async () => {
    const r = track(
      await LoopbackReceiver.start({
        port: 0,
        path: '/callback/x',
        timeoutMs: 10_000,
        expectedState: 's',
      }),
    );
    expect(r.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/x$/);
    expect(Number(new URL(r.redirectUri).port)).toBeGreaterThan(0);
  });

  it('times out with a clear error and closes', async () => {
    const r = track(
      await LoopbackReceiver.start({
        port: 0,
        path: '/callback/x',
        timeoutMs: 50,
        expectedState: 's',
      }),
    );
    await expect(r.callback).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringContaining('timed out'),
    });
    await expect(fetch(r.redirectUri)).rejects.toThrow();
  });

  it('accepts one callback, redirects away from the code, serves the result page once, then closes', async () => {
    const r = track(
      await LoopbackReceiver.start({ port: 0, path: '/cb', timeoutMs: 10_000, expectedState: 's' }),
    );
    const first = await fetch(`${r.redirectUri}?code=secret-code&state=s`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const location = first.headers.get('location')!;
    expect(location).toMatch(/^\/cb\/done\/[\w-]{16}$/);
    expect(location).not.toContain('secret-code');
    expect((await r.callback).searchParams.get('code')).toBe('secret-code');
    expect((await fetch(`${r.redirectUri}?code=again&state=s`, { redirect: 'manual' })).status).toBe(404);
    r.setResult(Promise.resolve({ ok: true, html: '<h1>ok</h1>' }));
    const page = await fetch(new URL(location, r.redirectUri));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toBe('<h1>ok</h1>');
    await r.whenClosed();
    await expect(fetch(new URL(location, r.redirectUri))).rejects.toThrow();
  });

  it('answers other methods and paths with 404', async () => {
    const r = track(
      await LoopbackReceiver.start({ port: 0, path: '/cb', timeoutMs: 10_000, expectedState: 's' }),
    );
    expect((await fetch(r.redirectUri, { method: 'POST', body: 'code=x' })).status).toBe(404);
    expect((await fetch(`${new URL(r.redirectUri).origin}/cbx`)).status).toBe(404);
    await r.close();
    await expect(r.callback).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('ignores a wrong state, a foreign Host and a cross-site image: the sign-in stays pending, then the real redirect wins', async () => {
    const r = track(
      await LoopbackReceiver.start({
        port: 0,
        path: '/cb',
        timeoutMs: 10_000,
        expectedState: 'the-real-state',
      }),
    );
    const port = Number(new URL(r.redirectUri).port);
    const raw = (host: string, query: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: `/cb?${query}`, headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    // Wrong state; no state (what an <img src="http://127.0.0.1:PORT/cb"> on any page sends); a rebinding Host.
    expect(await raw(`127.0.0.1:${port}`, 'code=x&state=guess')).toBe(400);
    expect(await raw(`127.0.0.1:${port}`, 'code=x')).toBe(400);
    expect(await raw(`evil.example:${port}`, 'code=x&state=the-real-state')).toBe(400);
    expect(await raw(`localhost:${port}`, 'code=x&state=the-real-state')).toBe(400);
    let settled = false;
    void r.callback.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    const real = await fetch(`${r.redirectUri}?code=c&state=the-real-state`, { redirect: 'manual' });
    expect(real.status).toBe(303);
    expect((await r.callback).searchParams.get('code')).toBe('c');
  });

  it('a localhost redirect listens on 127.0.0.1 and ::1, so no other process can take the callback on ::1', async () => {
    const r = track(
      await LoopbackReceiver.start({
        port: 0,
        path: '/cb',
        hostname: 'localhost',
        timeoutMs: 10_000,
        expectedState: 's',
      }),
    );
    expect(r.redirectUri).toMatch(/^http:\/\/localhost:\d+\/cb$/);
    // Another local program tries to listen on the same port on ::1 (where browsers try first): refused.
    const squatter = net.createServer();
    const taken = await new Promise<string>((resolve) => {
      squatter.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      squatter.listen(Number(new URL(r.redirectUri).port), '::1', () => resolve('listening'));
    });
    squatter.close();
    expect(taken).toBe('EADDRINUSE');
    // And the real redirect over ::1 reaches us.
    const v6 = await new Promise<number>((resolve, reject) => {
      http
        .get(
          {
            host: '::1',
            port: new URL(r.redirectUri).port,
            path: '/cb?code=c&state=s',
            headers: { host: new URL(r.redirectUri).host },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    expect(v6).toBe(303);
  });

  it('refuses a fixed localhost port that another program holds on ::1', async () => {
    const squatter = track(net.createServer());
    await new Promise<void>((resolve) => squatter.listen(0, '::1', () => resolve()));
    const port = (squatter.address() as net.AddressInfo).port;
    await expect(
      LoopbackReceiver.start({
        port,
        path: '/cb',
        hostname: 'localhost',
        timeoutMs: 10_000,
        expectedState: 's',
      }),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('127.0.0.1 or ::1') });
  });
});
