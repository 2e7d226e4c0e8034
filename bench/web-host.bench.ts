/** Foundation: one host call over web mode, and host start-up, each beside a bare Node baseline. */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost } from '../src/main/host.ts';
import { startWebServer } from '../src/main/web/server.ts';
import { row, timeEach, type BenchRow } from './lib.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function post(
  port: number,
  pathName: string,
  body: string,
  headers: Record<string, string>,
  agent: http.Agent,
) {
  return new Promise<string>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: pathName,
        agent,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function roundTrip(): Promise<BenchRow> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Baseline: the least an HTTP JSON call can cost here — parse the body, answer it back.
  const echo = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, value: JSON.parse(body) as unknown }));
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  const echoPort = (echo.address() as AddressInfo).port;

  const host = await createHost({
    transport: 'web',
    version: 'bench',
    dataDir: path.join(root, 'out', 'bench-data-rt'),
  });
  const server = await startWebServer({
    host,
    staticDir: path.join(root, 'out', 'renderer'),
    log: { warn() {}, error() {} },
  });
  const headers = {
    host: `127.0.0.1:${server.port}`,
    'x-latchkey-secret': server.secret,
    'x-latchkey-client': 'bench-client-1',
  };
  const body = JSON.stringify({ args: ['key', { some: 'value', n: 1 }] });

  const baseline = await timeEach(() => post(echoPort, '/', body, {}, agent), 3000);
  const ours = await timeEach(() => post(server.port, '/api/call/session.set', body, headers, agent), 3000);
  agent.destroy();
  echo.close();
  await server.close();
  return row({
    group: 'web host',
    name: 'host call round trip (session.set, keep-alive)',
    value: ours.medianUs,
    unit: 'µs',
    baseline: { name: 'bare node:http JSON echo', value: baseline.medianUs },
    target: '≤ 2× baseline',
    maxRatio: 2,
  });
}

function timeToLine(args: string[], pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      if (pattern.test(out)) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGTERM');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('error', reject);
  });
}

async function startUp(): Promise<BenchRow> {
  const bare = `require('http').createServer((q,s)=>s.end()).listen(0,'127.0.0.1',function(){console.log('serving http://127.0.0.1:'+this.address().port+'/')})`;
  const runs = 7;
  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(await timeToLine(['-e', bare], /serving/));
    ours.push(
      await timeToLine(
        ['out/main/web.js', '--no-open', '--data-dir', path.join(root, 'out', 'bench-data')],
        /serving/,
      ),
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return row({
    group: 'web host',
    name: 'start-up to ready (process spawn → URL printed)',
    value: median(ours),
    unit: 'ms',
    baseline: { name: 'bare node:http server, same spawn', value: median(base) },
    target: '≤ 3× baseline',
    maxRatio: 3,
  });
}

/** Peak resident memory (VmHWM) of the web host during 20 × 10,000-key setMany, with `streams` non-reading streams. */
async function peakRss(streams: number): Promise<number> {
  const dataDir = path.join(root, 'out', `bench-data-rss-${streams}-${Date.now()}`);
  const child = spawn(process.execPath, ['out/main/web.js', '--no-open', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(new URL(m[1]!));
    });
    child.once('error', reject);
  });
  const port = Number(url.port);
  const page = await new Promise<string>((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/', headers: { host: url.host } }, (res) => {
      let t = '';
      res.on('data', (c) => (t += c));
      res.on('end', () => resolve(t));
    });
  });
  const secret = /name="latchkey-web" content="([^"]+)"/.exec(page)![1]!;
  const sockets: net.Socket[] = [];
  for (let i = 0; i < streams; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.write(
      `GET /api/events?client=bench-stream-${i}&secret=${secret} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`,
    );
    socket.pause(); // never reads
    sockets.push(socket);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { host: url.host, 'x-latchkey-secret': secret, 'x-latchkey-client': 'bench-writer-1' };
  for (let round = 0; round < 20; round++) {
    const entries = Array.from({ length: 10_000 }, (_, i) => [`r${round}-key-${i}`, { i, round }]);
    await post(port, '/api/call/clientStorage.setMany', JSON.stringify({ args: [entries] }), headers, agent);
  }
  const status = await import('node:fs/promises').then((fs) =>
    fs.readFile(`/proc/${child.pid}/status`, 'utf8'),
  );
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  for (const s of sockets) s.destroy();
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await import('node:fs/promises').then((fs) => fs.rm(dataDir, { recursive: true, force: true }));
  return peakKb / 1024;
}

async function memoryWithSlowReaders(): Promise<BenchRow> {
  const without = await peakRss(0);
  const withStreams = await peakRss(10);
  return row({
    group: 'web host',
    name: 'peak RSS, 20 × 10,000-key setMany with 10 non-reading event streams',
    value: withStreams,
    unit: 'MB',
    baseline: { name: 'same writes, no streams', value: without },
    target: '≤ 1.5× baseline',
    maxRatio: 1.5,
  });
}

export async function run(): Promise<BenchRow[]> {
  return [await roundTrip(), await startUp(), await memoryWithSlowReaders()];
}
