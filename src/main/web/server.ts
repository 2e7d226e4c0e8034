/**
 * Web mode: the same host, its contract served as JSON over HTTP with server-sent events, and the built
 * renderer. Loopback only; every API request is checked by request-guard.ts.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fail } from '../../shared/errors.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { Logger } from '../../shared/logger.ts';
import { WEB_ONLY_CSP } from '../../shared/csp.ts';
import {
  CALL_PATH_PREFIX,
  CLIENT_HEADER,
  EVENTS_CLIENT_PARAM,
  EVENTS_PATH,
  EVENTS_SECRET_PARAM,
  SECRET_HEADER,
  SECRET_META_PLACEHOLDER,
  secretMetaTag,
} from '../../shared/web-protocol.ts';
import type { EventTarget } from '../events.ts';
import type { Host } from '../host.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { PageSessions } from './page-sessions.ts';
import { checkApiRequest, checkPageRequest, isValidClientId, type RequestFacts } from './request-guard.ts';
import { readStatic } from './static-files.ts';
import { isJsonMediaType, rateLimited, WEB_LIMITS } from './web-limits.ts';

export interface WebServerOptions {
  host: Host;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: Logger;
  /** How long a request, body included, may take to arrive (default WEB_LIMITS.requestTimeoutMs). */
  requestTimeoutMs?: number;
  /** How long a page whose stream closed keeps its session for a reload (default WEB_LIMITS.reloadGraceMs). */
  reloadGraceMs?: number;
}

export interface WebServer {
  url: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { host, staticDir } = options;
  const log = options.log ?? console;
  const secret = randomBytes(32).toString('base64url');
  // The dispatcher brings the contract's argument schemas (zod): loaded with the first call, off start-up.
  let dispatcher: Promise<Dispatch> | null = null;
  const dispatch: Dispatch = async (name, args, context) => {
    dispatcher ??= import('../ipc/dispatcher.ts').then((m) => m.createDispatcher(host.handlers, log));
    return (await dispatcher)(name, args, context);
  };
  // Read at start to fail early when the renderer is not built, and again for every page load: a rebuild
  // while web mode runs replaces the asset names, and a stale index.html would leave the page blank.
  const readIndex = () =>
    readFile(path.join(staticDir, 'index.html'), 'utf8').catch(() => {
      throw new Error(
        `the renderer is not built: ${path.join(staticDir, 'index.html')} is missing (run npm run build)`,
      );
    });
  await readIndex();
  const streams = new Map<string, Set<ServerResponse>>();
  let streamCount = 0;
  /** When a page's session ends (a closed tab, not a reload): its session storage is dropped then. */
  const pages = new PageSessions({
    graceMs: options.reloadGraceMs ?? WEB_LIMITS.reloadGraceMs,
    idleMs: WEB_LIMITS.idlePageMs,
    onGone: (clientId) => {
      dropped.delete(clientId);
      host.clientClosed(clientId);
    },
  });
  /** Page loads whose stream was dropped for reading too slowly: told to read everything again. */
  const dropped = new Set<string>();
  const logRefusal = rateLimited((line) => log.warn(line), WEB_LIMITS.refusalsLoggedPerMinute);
  let port = 0;

  const facts = (req: IncomingMessage, url: URL): RequestFacts => ({
    host: header(req, 'host'),
    origin: header(req, 'origin'),
    secFetchSite: header(req, 'sec-fetch-site'),
    // EventSource cannot set headers, so only the event stream takes the secret from the query.
    presentedSecret:
      url.pathname === EVENTS_PATH
        ? (url.searchParams.get(EVENTS_SECRET_PARAM) ?? undefined)
        : header(req, SECRET_HEADER),
  });

  const detachEvents = host.events.attach((name, payload, target: EventTarget) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const [clientId, set] of streams) {
      if (target !== 'all' && target.clientId !== clientId) continue;
      for (const res of set) {
        // A reader that does not keep up is dropped rather than buffered without end; its page reconnects
        // and reads everything again.
        if (res.writableLength > WEB_LIMITS.maxUnsentBytes) {
          dropped.add(clientId);
          res.destroy();
          continue;
        }
        res.write(frame);
      }
    }
  });

  // Page loads that never opened a stream (or lost it) and have not called for a while are gone.
  const sweep = setInterval(() => pages.sweep(), WEB_LIMITS.sweepEveryMs);
  sweep.unref();

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST')
      return sendJson(res, 405, fail({ code: 'invalid_argument', message: 'use POST' }));
    // Requiring JSON also forces a CORS preflight on any cross-origin attempt, which we never answer.
    if (!isJsonMediaType(header(req, 'content-type'))) {
      return sendJson(
        res,
        415,
        fail({ code: 'invalid_argument', message: 'the body must be application/json' }),
      );
    }
    const clientId = header(req, CLIENT_HEADER);
    if (!isValidClientId(clientId)) {
      return sendJson(
        res,
        400,
        fail({ code: 'invalid_argument', message: `missing or malformed ${CLIENT_HEADER} header` }),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, LIMITS.maxRequestBytes));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(
          res,
          413,
          fail({
            code: 'too_large',
            message: `the request is over ${LIMITS.maxRequestBytes} bytes`,
            details: { limit: LIMITS.maxRequestBytes },
          }),
        );
      }
      return sendJson(res, 400, fail({ code: 'invalid_argument', message: 'the body is not valid JSON' }));
    }
    const args = typeof body === 'object' && body !== null && 'args' in body ? body.args : undefined;
    let method: string;
    try {
      method = decodeURIComponent(name);
    } catch {
      return sendJson(
        res,
        400,
        fail({ code: 'invalid_argument', message: 'the method name is not valid URL encoding' }),
      );
    }
    pages.seen(clientId);
    sendJson(res, 200, await dispatch(method, args, { clientId }));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const clientId = url.searchParams.get(EVENTS_CLIENT_PARAM);
    if (!isValidClientId(clientId)) return sendText(res, 400, 'missing or malformed client id');
    if (streamCount >= WEB_LIMITS.maxStreams) {
      return sendJson(res, 503, fail({ code: 'unavailable', message: 'too many event streams are open' }));
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    // How soon EventSource comes back after a drop; then, if events were lost, it is told to read again.
    res.write(`retry: ${WEB_LIMITS.reconnectMs}\n: connected\n\n`);
    if (dropped.delete(clientId)) {
      res.write(`data: ${JSON.stringify({ name: 'host.resync', payload: {} })}\n\n`);
    }
    streamCount++;
    pages.streamOpened(clientId);
    let set = streams.get(clientId);
    if (!set) streams.set(clientId, (set = new Set()));
    set.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 20_000);
    heartbeat.unref();
    res.on('close', () => {
      clearInterval(heartbeat);
      streamCount--;
      set.delete(res);
      if (set.size === 0) streams.delete(clientId);
      // A reload comes back with the same id within the grace period and keeps its session; a closed tab
      // loses it after that. A stream dropped for reading too slowly reconnects by itself.
      pages.streamClosed(clientId, dropped.has(clientId));
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const f = facts(req, url);
    if (url.pathname.startsWith('/api/')) {
      const verdict = checkApiRequest(f, { port, secret });
      if (!verdict.allow) {
        logRefusal(`latchkey web: refused ${req.method ?? '?'} ${url.pathname}: ${verdict.reason}`);
        // Close the connection after the answer: a refused caller gets no socket to trickle a body into.
        res.setHeader('connection', 'close');
        res.on('finish', () => req.socket.destroy());
        return sendJson(res, verdict.status, fail({ code: 'forbidden', message: verdict.reason }));
      }
      if (url.pathname.startsWith(CALL_PATH_PREFIX))
        return handleCall(req, res, url.pathname.slice(CALL_PATH_PREFIX.length));
      if (url.pathname === EVENTS_PATH && req.method === 'GET') return handleEvents(req, res, url);
      return sendJson(res, 404, fail({ code: 'not_found', message: 'no such endpoint' }));
    }
    const verdict = checkPageRequest(f, { port, secret });
    if (!verdict.allow) return sendText(res, verdict.status, verdict.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      // The secret reaches our own page only: other origins cannot read this response, and DNS-rebound
      // origins never get past the Host check above.
      const html = (await readIndex()).replace(SECRET_META_PLACEHOLDER, secretMetaTag(secret));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': WEB_ONLY_CSP,
      });
      return void res.end(req.method === 'HEAD' ? undefined : html);
    }
    const file = await readStatic(staticDir, url.pathname);
    if (!file) return sendText(res, 404, 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const requestTimeout = options.requestTimeoutMs ?? WEB_LIMITS.requestTimeoutMs;
  // Node checks request timeouts on this interval (30 s by default, which would double a 30 s limit).
  const server = http.createServer(
    { connectionsCheckingInterval: Math.min(1000, requestTimeout) },
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        log.error('latchkey web: request failed:', error instanceof Error ? error.message : 'unknown error');
        if (!res.headersSent) sendJson(res, 500, fail({ code: 'internal', message: 'the request failed' }));
        else res.destroy();
      });
    },
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  // Node's default gives a request 300 s to arrive; a local page needs far less.
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(server.headersTimeout, requestTimeout);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only, never all interfaces.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    secret,
    close: async () => {
      clearInterval(sweep);
      pages.close();
      detachEvents();
      for (const set of streams.values()) for (const res of set) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
