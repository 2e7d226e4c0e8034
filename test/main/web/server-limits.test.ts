/**
 * What a hostile local process or a stuck page can make the web host hold: streams, unsent bytes, idle
 * page loads, slow bodies, log lines. Real sockets against the real server.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../src/main/host.ts';
import { startWebServer, type WebServer } from '../../../src/main/web/server.ts';
import { rateLimited, WEB_LIMITS } from '../../../src/main/web/web-limits.ts';
import { testHost } from '../../helpers/host.ts';
import { fakeRendererDir } from '../../helpers/renderer-fixture.ts';

let host: Host;
let server: WebServer;
const log = { warn: vi.fn(), error: vi.fn() };
const sockets: net.Socket[] = [];

beforeEach(async () => {
  log.warn.mockClear();
  host = await testHost({ version: '0.0.1' });
  server = await startWebServer({ host, staticDir: await fakeRendererDir(), log });
});
afterEach(async () => {
  vi.useRealTimers();
  for (const s of sockets.splice(0)) s.destroy();
  await server.close();
});

function raw(lines: string[], body = ''): Promise<{ socket: net.Socket; head: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
      const head = new Promise<string>((done) => {
        let text = '';
        socket.on('data', (c) => {
          text += c.toString('latin1');
          if (text.includes('\r\n\r\n')) done(text);
        });
      });
      resolve({ socket, head });
    });
    sockets.push(socket);
    socket.on('error', reject);
  });
}

const host_ = () => `Host: 127.0.0.1:${server.port}`;
const streamRequest = (client: string) => [
  `GET /api/events?client=${client}&secret=${server.secret} HTTP/1.1`,
  host_(),
];

function call(path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const auth = (client = 'page-one-1234') => ({
  'content-type': 'application/json',
  'x-latchkey-secret': server.secret,
  'x-latchkey-client': client,
});

describe('web host limits', () => {
  it(`opens at most ${WEB_LIMITS.maxStreams} event streams`, async () => {
    const open = await Promise.all(
      Array.from({ length: WEB_LIMITS.maxStreams }, (_, i) => raw(streamRequest(`client-${i}-abcdef`))),
    );
    for (const o of open) expect(await o.head).toMatch(/^HTTP\/1\.1 200/);
    const extra = await raw(streamRequest('client-extra-abc'));
    expect(await extra.head).toMatch(/^HTTP\/1\.1 503/);
  });

  it('drops a stream whose reader does not keep up, and tells the page to read again when it comes back', async () => {
    const slow = await raw(streamRequest('slow-reader-1234'));
    await slow.head;
    slow.socket.pause(); // reads nothing more
    // Each write sends one change event naming its 1,000 keys (about 1 MB): together far more than the
    // socket buffers and the stream's allowance hold.
    const long = 'x'.repeat(1000);
    for (let i = 0; i < 24; i++) {
      const keys = Array.from({ length: 1000 }, (_, j) => [`${i}-${j}-${long}`.slice(0, 1000), 1]);
      expect(
        (await call('/api/call/clientStorage.setMany', auth(), JSON.stringify({ args: [keys] }))).status,
      ).toBe(200);
    }
    await new Promise<void>((resolve) => {
      if (slow.socket.destroyed) resolve();
      slow.socket.once('close', () => resolve());
      slow.socket.resume();
    });
    // Its page reconnects: the first event is host.resync; its session storage was kept.
    const back = await raw(streamRequest('slow-reader-1234'));
    const text = await new Promise<string>((resolve) => {
      let t = '';
      back.socket.on('data', (c) => {
        t += c.toString();
        if (t.includes('host.resync')) resolve(t);
      });
    });
    expect(text).toContain('"name":"host.resync"');
  });

  it('drops the session storage of a page load that never opened a stream and went quiet', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const sweeping = await startWebServer({ host, staticDir: await fakeRendererDir(), log });
    const headers = {
      ...auth('quiet-page-1234'),
      'x-latchkey-secret': sweeping.secret,
      host: `127.0.0.1:${sweeping.port}`,
    };
    const post = (name: string, args: unknown[]) =>
      new Promise<string>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: sweeping.port, method: 'POST', path: `/api/call/${name}`, headers },
          (res) => {
            let t = '';
            res.on('data', (c) => (t += c));
            res.on('end', () => resolve(t));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ args }));
      });
    await post('session.set', ['k', 'v']);
    expect(JSON.parse(await post('session.get', ['k']))).toEqual({ ok: true, value: 'v' });
    vi.advanceTimersByTime(WEB_LIMITS.idlePageMs + WEB_LIMITS.sweepEveryMs);
    expect(JSON.parse(await post('session.get', ['k']))).toEqual({ ok: true, value: null });
    await sweeping.close();
  });

  it('answers 400 to a method name with bad percent-encoding', async () => {
    const r = await call('/api/call/%E0%A4%A', auth(), '{"args":[]}');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it.each([
    ['application/jsonp', 415],
    ['application/json-seq', 415],
    ['text/plain', 415],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
  ])('content type %s → %i', async (type, status) => {
    const r = await call('/api/call/app.info', { ...auth(), 'content-type': type }, '{"args":[]}');
    expect(r.status).toBe(status);
  });

  it('takes the secret only as a header on /api/call, never from the query', async () => {
    const headers = { 'content-type': 'application/json', 'x-latchkey-client': 'page-one-1234' };
    const r = await call(`/api/call/app.info?secret=${server.secret}`, headers, '{"args":[]}');
    expect(r.status).toBe(401);
  });

  it('closes the connection after a 401, so no body can trickle in', async () => {
    const r = await raw(
      [
        `POST /api/call/app.info HTTP/1.1`,
        host_(),
        'content-type: application/json',
        'content-length: 1000000',
      ],
      '{"args":',
    );
    expect(await r.head).toMatch(/^HTTP\/1\.1 401/);
    await new Promise<void>((resolve) =>
      r.socket.destroyed ? resolve() : r.socket.once('close', () => resolve()),
    );
  });

  it('cuts off a request whose body does not arrive in time (30 s by default; 1 s here)', async () => {
    const quick = await startWebServer({
      host,
      staticDir: await fakeRendererDir(),
      log,
      requestTimeoutMs: 1000,
    });
    const socket = net.connect(quick.port, '127.0.0.1');
    sockets.push(socket);
    socket.write(
      [
        'POST /api/call/app.info HTTP/1.1',
        `Host: 127.0.0.1:${quick.port}`,
        'content-type: application/json',
        `x-latchkey-secret: ${quick.secret}`,
        'x-latchkey-client: page-one-1234',
        'content-length: 100',
        '',
        '{"args":',
      ].join('\r\n'),
    );
    const answer = await new Promise<string>((resolve) => {
      let t = '';
      socket.on('data', (c) => (t += c.toString()));
      socket.on('close', () => resolve(t));
    });
    // Closed (Node's timeout, then our clientError handler), never answered or held open.
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
    await quick.close();
  });

  it('logs at most 10 refused requests a minute, then counts the rest', () => {
    let now = 0;
    const lines: string[] = [];
    const refuse = rateLimited(
      (l) => lines.push(l),
      10,
      () => now,
    );
    for (let i = 0; i < 500; i++) refuse(`refused ${i}`);
    expect(lines).toHaveLength(10);
    now = 60_000;
    refuse('next minute');
    expect(lines.slice(10)).toEqual([
      'latchkey web: 490 more refused requests were not logged',
      'next minute',
    ]);
  });
});
