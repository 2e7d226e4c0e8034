import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../src/main/host.ts';
import { LIMITS } from '../../../src/shared/limits.ts';
import { SECRET_META_PLACEHOLDER } from '../../../src/shared/web-protocol.ts';
import { testHost } from '../../helpers/host.ts';
import { startWebServer, type WebServer } from '../../../src/main/web/server.ts';
import { fakeRendererDir } from '../../helpers/renderer-fixture.ts';

let host: Host;
let server: WebServer;
const log = { warn: vi.fn(), error: vi.fn() };

beforeEach(async () => {
  host = await testHost({ version: '0.0.1' });
  server = await startWebServer({ host, staticDir: await fakeRendererDir(), log });
});
afterEach(async () => {
  await server.close();
});

/** Raw HTTP so tests can set Host and Origin headers, which fetch() does not allow. */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: opts.method ?? 'GET',
          path: opts.path,
          headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(opts.body);
    },
  );
}

const call = (name: string, args: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/call/${name}`,
    headers: {
      'content-type': 'application/json',
      'x-latchkey-secret': server.secret,
      'x-latchkey-client': 'page-one-1234',
      ...headers,
    },
    body: JSON.stringify({ args }),
  });

describe('web host', () => {
  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('gives the launch secret to its own page, with a CSP header', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`content="${server.secret}"`);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers a call carrying the secret', async () => {
    const res = await call('app.info', []);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { transport: 'web', version: '0.0.1' } });
  });

  it('refuses a call without the secret', async () => {
    const res = await call('app.info', [], { 'x-latchkey-secret': '' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a call from a foreign Origin even with the secret', async () => {
    const res = await call('app.info', [], { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a bad Host header, for the API and for the page (DNS rebinding)', async () => {
    expect((await call('app.info', [], { host: 'evil.example' })).status).toBe(421);
    const page = await request({ path: '/', headers: { host: `evil.example:${server.port}` } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(server.secret);
  });

  it('answers a malformed argument with a typed error and keeps serving', async () => {
    const bad = await call('session.set', [{ not: 'a key' }, 1]);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', path: '[0]' },
    });
    const notJson = await request({
      method: 'POST',
      path: '/api/call/session.set',
      headers: {
        'content-type': 'application/json',
        'x-latchkey-secret': server.secret,
        'x-latchkey-client': 'page-one-1234',
      },
      body: '{"args": [',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(JSON.parse((await call('session.set', ['k', 1])).body)).toEqual({ ok: true, value: null });
    expect(JSON.parse((await call('session.get', ['k'])).body)).toEqual({ ok: true, value: 1 });
  });

  it('refuses a body that is not JSON-typed, an unknown method, and a missing page id', async () => {
    expect((await call('app.info', [], { 'content-type': 'text/plain' })).status).toBe(415);
    expect(JSON.parse((await call('nope.nothing', [])).body)).toMatchObject({
      error: { code: 'unknown_method' },
    });
    expect((await call('app.info', [], { 'x-latchkey-client': '../x' })).status).toBe(400);
  });

  it('refuses a request body over the limit with too_large', async () => {
    const res = await call('session.set', ['k', 'x'.repeat(17 * 1024 * 1024)]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { code: 'too_large', details: { limit: LIMITS.maxRequestBytes } },
    });
  });

  it('keeps one session per page load', async () => {
    await call('session.set', ['k', 'first page']);
    const other = await call('session.get', ['k'], { 'x-latchkey-client': 'page-two-5678' });
    expect(JSON.parse(other.body)).toEqual({ ok: true, value: null });
  });

  /** Opens the page's event stream and resolves once the host has answered on it. */
  const openStream = (clientId: string, port = server.port, secret = server.secret) =>
    new Promise<http.ClientRequest>((resolve) => {
      const req = http.get({
        host: '127.0.0.1',
        port,
        path: `/api/events?client=${clientId}&secret=${secret}`,
        headers: { host: `127.0.0.1:${port}` },
      });
      req.on('response', (res) => res.once('data', () => resolve(req)));
    });
  const closeStream = (req: http.ClientRequest) =>
    new Promise<void>((resolve) => {
      req.socket?.once('close', () => resolve());
      req.destroy();
    });

  it('keeps a page session across a reload: its stream closes and the same page-load id comes back', async () => {
    // The page keeps its page-load id in sessionStorage, so a reload opens a new stream with the same id.
    const dropped: string[] = [];
    const original = host.clientClosed;
    host.clientClosed = (id) => {
      dropped.push(id);
      original(id);
    };
    await call('session.set', ['k', 'kept']);
    await closeStream(await openStream('page-one-1234'));
    const again = await openStream('page-one-1234');
    expect(JSON.parse((await call('session.get', ['k'])).body)).toEqual({ ok: true, value: 'kept' });
    expect(dropped).toEqual([]);
    await closeStream(again);
  });

  it('drops a page session once its stream has stayed closed past the grace period (a closed tab)', async () => {
    const web = await startWebServer({ host, staticDir: await fakeRendererDir(), log, reloadGraceMs: 20 });
    const headers = { 'x-latchkey-secret': web.secret, host: `127.0.0.1:${web.port}` };
    const post = (name: string, args: unknown[]) =>
      new Promise<unknown>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: web.port,
            method: 'POST',
            path: `/api/call/${name}`,
            headers: {
              ...headers,
              'content-type': 'application/json',
              'x-latchkey-client': 'closed-tab-1234',
            },
          },
          (res) => {
            let t = '';
            res.on('data', (c) => (t += c));
            res.on('end', () => resolve(JSON.parse(t)));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ args }));
      });
    await post('session.set', ['k', 'v']);
    const closed = new Promise<void>((resolve) => {
      const original = host.clientClosed;
      host.clientClosed = (id) => {
        original(id);
        if (id === 'closed-tab-1234') resolve();
      };
    });
    await closeStream(await openStream('closed-tab-1234', web.port, web.secret));
    await closed;
    expect(await post('session.containsKey', ['k'])).toEqual({ ok: true, value: false });
    await web.close();
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await request({ path: '/../../../etc/passwd' })).status).toBe(404);
    expect((await request({ path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
    expect((await request({ path: '/app.js' })).status).toBe(200);
  });
});

describe('web host across a rebuild', () => {
  it('serves the current build’s index.html on every page load', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await fakeRendererDir();
    const web = await startWebServer({ host, staticDir: dir, log });
    const get = () =>
      new Promise<string>((resolve, reject) => {
        http
          .get(
            { host: '127.0.0.1', port: web.port, path: '/', headers: { host: `127.0.0.1:${web.port}` } },
            (res) => {
              let t = '';
              res.on('data', (c) => (t += c));
              res.on('end', () => resolve(t));
            },
          )
          .on('error', reject);
      });
    expect(await get()).toContain('<body>app</body>');
    await writeFile(
      `${dir}/index.html`,
      `<!doctype html><html><head>${SECRET_META_PLACEHOLDER}<script src="app-NEWHASH.js"></script></head></html>`,
    );
    const after = await get();
    expect(after).toContain('app-NEWHASH.js');
    expect(after).toContain(`content="${web.secret}"`);
    await web.close();
  });
});
