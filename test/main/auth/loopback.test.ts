import { describe, expect, it } from 'vitest';
import { LoopbackReceiver } from '../../../src/main/auth/loopback.ts';

describe('LoopbackReceiver', () => {
  it('listens on 127.0.0.1 at a free port with the given path', async () => {
    const r = await LoopbackReceiver.start({ port: 0, path: '/callback/x', timeoutMs: 10_000 });
    expect(r.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/x$/);
    expect(r.port).toBeGreaterThan(0);
    await r.close();
  });

  it('times out with a clear error and closes', async () => {
    const r = await LoopbackReceiver.start({ port: 0, path: '/callback/x', timeoutMs: 50 });
    await expect(r.callback).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringContaining('timed out'),
    });
    await expect(fetch(r.redirectUri)).rejects.toThrow();
  });

  it('accepts one callback, redirects away from the code, serves the result page once, then closes', async () => {
    const r = await LoopbackReceiver.start({ port: 0, path: '/cb', timeoutMs: 10_000 });
    const first = await fetch(`${r.redirectUri}?code=secret-code&state=s`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const location = first.headers.get('location')!;
    expect(location).toMatch(/^\/cb\/done\/[\w-]{16}$/);
    expect(location).not.toContain('secret-code');
    expect((await r.callback).searchParams.get('code')).toBe('secret-code');
    expect((await fetch(`${r.redirectUri}?code=again`, { redirect: 'manual' })).status).toBe(404);
    r.setResult(Promise.resolve({ ok: true, html: '<h1>ok</h1>' }));
    const page = await fetch(new URL(location, r.redirectUri));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toBe('<h1>ok</h1>');
    await r.whenClosed();
    await expect(fetch(new URL(location, r.redirectUri))).rejects.toThrow();
  });

  it('answers other methods and paths with 404', async () => {
    const r = await LoopbackReceiver.start({ port: 0, path: '/cb', timeoutMs: 10_000 });
    expect((await fetch(r.redirectUri, { method: 'POST', body: 'code=x' })).status).toBe(404);
    expect((await fetch(`${new URL(r.redirectUri).origin}/cbx`)).status).toBe(404);
    await r.close();
    await expect(r.callback).rejects.toMatchObject({ code: 'cancelled' });
  });
});
