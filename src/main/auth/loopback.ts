/**
 * The RFC 8252 loopback redirect receiver. It listens on 127.0.0.1 only, on a free port (or the fixed port of
 * a registered redirect URI), for exactly one callback on its path. The browser is then sent, by a redirect
 * that removes the code from the address bar, to a small result page that loads nothing from elsewhere.
 * Everything else gets 404: it is never an open redirector. After the result page (or a timeout, or cancel)
 * it closes, keep-alive sockets included.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostError } from '../../shared/errors.ts';

export interface LoopbackOptions {
  /** 0 for a free port. */
  port: number;
  /** e.g. /callback/github */
  path: string;
  /** Host name used in the redirect URI (127.0.0.1 or localhost); the socket is always 127.0.0.1. */
  hostname?: string;
  timeoutMs: number;
}

export interface ResultPage {
  ok: boolean;
  html: string;
}

export class LoopbackReceiver {
  readonly redirectUri: string;
  /** Resolves with the full callback URL, or rejects on timeout / cancel. */
  readonly callback: Promise<URL>;

  readonly #server: http.Server;
  readonly #donePath: string;
  readonly #path: string;
  #result: Promise<ResultPage> | null = null;
  #accepted = false;
  #settle: { resolve: (url: URL) => void; reject: (e: Error) => void } | null = null;
  #timer: NodeJS.Timeout;
  #closed = false;
  #closing: Promise<void> | null = null;

  private constructor(server: http.Server, redirectUri: string, path: string, timeoutMs: number) {
    this.#server = server;
    this.redirectUri = redirectUri;
    this.#path = path;
    // Unguessable, so nothing else can fetch the result page.
    this.#donePath = `${path}/done/${randomBytes(12).toString('base64url')}`;
    this.callback = new Promise<URL>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.callback.catch(() => {}); // observed by the sign-in flow; avoid unhandled rejections on cancel
    this.#timer = setTimeout(
      () => this.fail(new HostError('cancelled', 'the sign-in timed out waiting for the browser')),
      timeoutMs,
    );
    this.#timer.unref();
    server.on('request', (req, res) => this.#handle(req, res));
  }

  static async start(options: LoopbackOptions): Promise<LoopbackReceiver> {
    const server = http.createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new HostError(
                'unavailable',
                `port ${options.port} for the sign-in redirect is in use by another program`,
              )
            : error,
        ),
      );
      // Loopback only, never all interfaces.
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const redirectUri = `http://${options.hostname ?? '127.0.0.1'}:${port}${options.path}`;
    return new LoopbackReceiver(server, redirectUri, options.path, options.timeoutMs);
  }

  /** What the browser shows after the redirect; the sign-in flow supplies it once the code is exchanged. */
  setResult(result: Promise<ResultPage>): void {
    this.#result = result;
    // If the browser never asks for the result page, do not keep the port open for long.
    void result.finally(() => setTimeout(() => void this.close(), 30_000).unref());
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.redirectUri);
    const headers = {
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    };
    if (req.method === 'GET' && url.pathname === this.#path && !this.#accepted && !this.#closed) {
      this.#accepted = true;
      clearTimeout(this.#timer);
      this.#settle?.resolve(new URL(url.href));
      // 303 to a fixed, code-free path: the code leaves the address bar and the history entry.
      res.writeHead(303, { ...headers, location: this.#donePath, connection: 'close' });
      res.end();
      return;
    }
    if (req.method === 'GET' && url.pathname === this.#donePath && this.#accepted) {
      const result = this.#result ?? Promise.resolve({ ok: false, html: '<p>Sign-in did not finish.</p>' });
      void result.then((page) => {
        res.writeHead(page.ok ? 200 : 400, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
          // The page loads nothing from anywhere: no scripts, no images from elsewhere.
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
          connection: 'close',
        });
        res.end(page.html, () => void this.close());
      });
      return;
    }
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }

  fail(error: Error): void {
    if (!this.#accepted) {
      this.#accepted = true;
      this.#settle?.reject(error);
    }
    void this.close();
  }

  get port(): number {
    return (this.#server.address() as AddressInfo | null)?.port ?? 0;
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    clearTimeout(this.#timer);
    if (!this.#accepted) this.fail(new HostError('cancelled', 'the sign-in was cancelled'));
    this.#closing = new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }

  /** Resolves once the port is closed, whoever closed it. */
  async whenClosed(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.#server.listening ? this.#server.once('close', () => resolve()) : resolve(),
    );
  }
}
