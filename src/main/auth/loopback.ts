/**
 * The RFC 8252 loopback redirect receiver. It listens on loopback only (127.0.0.1, and also ::1 for a
 * `localhost` redirect, which browsers try first), on a free port (or the fixed port of a registered redirect
 * URI), for exactly one callback on its path. The browser is then sent, by a redirect that removes the code
 * from the address bar, to a small result page that loads nothing from elsewhere.
 *
 * Only the real redirect ends the wait: a request to the exact path whose `state` matches this attempt's
 * (compared in constant time) and whose Host is the redirect URI's host and port. Anything else on that path
 * — a wrong state, a foreign Host, an <img> on some web page pointed at it — gets a 400 page and the sign-in
 * stays pending. Other paths get 404: it is never an open redirector. After the result page (or a timeout,
 * or cancel) it closes, keep-alive sockets included.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostError } from '../../shared/errors.ts';

/** Where a browser sign-in's redirect arrives: the loopback listener, or the app's own scheme (scheme-redirect.ts). */
export interface RedirectReceiver {
  readonly redirectUri: string;
  /** Resolves with the full redirect URL, or rejects on timeout / cancel. */
  readonly callback: Promise<URL>;
  /** What the browser shows once the sign-in has ended (where the receiver can show it anything). */
  setResult(result: Promise<ResultPage>): void;
  /** Takes the address pasted from the browser, exactly as the redirect would be taken; throws otherwise. */
  acceptPasted(text: string): void;
  fail(error: Error): void;
}

export interface LoopbackOptions {
  /** 0 for a free port. */
  port: number;
  /** e.g. /callback/github */
  path: string;
  /** Host name used in the redirect URI: 127.0.0.1 (default), localhost (then also ::1) or [::1]. */
  hostname?: string;
  timeoutMs: number;
  /** The attempt's `state`: only a callback carrying it is accepted. */
  expectedState: string;
}

export const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** Which loopback addresses a redirect host name must be served on, so no other process can take it. */
function addressesFor(hostname: string): string[] {
  if (hostname === 'localhost') return ['127.0.0.1', '::1'];
  if (hostname === '[::1]') return ['::1'];
  return ['127.0.0.1'];
}

function listen(server: http.Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(error);
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const closeServer = (server: http.Server) =>
  new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });

const NOT_THIS_SIGN_IN = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not this sign-in</title></head>
<body><h1>This is not the sign-in Latchkey is waiting for</h1><p>Nothing was changed. Return to the app and use its sign-in link.</p></body></html>`;

export interface ResultPage {
  ok: boolean;
  html: string;
}

export class LoopbackReceiver implements RedirectReceiver {
  readonly redirectUri: string;
  /** Resolves with the full callback URL, or rejects on timeout / cancel. */
  readonly callback: Promise<URL>;

  readonly #servers: http.Server[];
  readonly #donePath: string;
  readonly #path: string;
  readonly #state: string;
  readonly #host: string;
  #result: Promise<ResultPage> | null = null;
  #accepted = false;
  #settle: { resolve: (url: URL) => void; reject: (e: Error) => void } | null = null;
  #timer: NodeJS.Timeout;
  #closed = false;
  #closing: Promise<void> | null = null;

  private constructor(
    servers: http.Server[],
    redirectUri: string,
    path: string,
    timeoutMs: number,
    state: string,
  ) {
    this.#servers = servers;
    this.redirectUri = redirectUri;
    this.#path = path;
    this.#state = state;
    this.#host = new URL(redirectUri).host;
    // Unguessable, so nothing else can fetch the result page.
    this.#donePath = `${path}/done/${randomBytes(12).toString('base64url')}`;
    this.callback = new Promise<URL>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.callback.catch(() => {}); // observed by the sign-in flow; avoid unhandled rejections on cancel
    this.#timer = setTimeout(
      () => this.fail(new HostError('cancelled', 'the sign-in timed out waiting for the browser')),
      timeoutMs,
    );
    this.#timer.unref();
    for (const server of servers) server.on('request', (req, res) => this.#handle(req, res));
  }

  static async start(options: LoopbackOptions): Promise<LoopbackReceiver> {
    const hostname = options.hostname ?? '127.0.0.1';
    const addresses = addressesFor(hostname);
    // With a free port, a neighbour may already hold the same number on ::1: then try another port.
    for (let attempt = 0; ; attempt++) {
      const servers: http.Server[] = [];
      let port = options.port;
      try {
        for (const address of addresses) {
          const server = http.createServer();
          server.keepAliveTimeout = 1000;
          servers.push(server);
          try {
            port = await listen(server, port, address);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            // No IPv6 on this machine: nobody can listen on ::1, and browsers fall back to 127.0.0.1.
            if (
              address === '::1' &&
              hostname === 'localhost' &&
              (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')
            ) {
              servers.pop();
              continue;
            }
            throw error;
          }
        }
      } catch (error) {
        await Promise.all(servers.map(closeServer));
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' && options.port === 0 && attempt < 5) continue;
        if (code === 'EADDRINUSE') {
          throw new HostError(
            'unavailable',
            hostname === 'localhost'
              ? `port ${options.port} for the sign-in redirect is in use by another program on 127.0.0.1 or ::1 (a "localhost" redirect must be free on both; free the port or register http://127.0.0.1:${options.port}${options.path})`
              : `port ${options.port} for the sign-in redirect is in use by another program`,
          );
        }
        throw error;
      }
      const redirectUri = `http://${hostname}:${port}${options.path}`;
      return new LoopbackReceiver(
        servers,
        redirectUri,
        options.path,
        options.timeoutMs,
        options.expectedState,
      );
    }
  }

  /**
   * The address the browser was sent back to, pasted by the user when the redirect could not reach this
   * port (a firewall, another machine's browser). Taken exactly as the redirect would be: this attempt's
   * path on this host and port, this attempt's state, once. Anything else is refused and the wait goes on.
   */
  acceptPasted(text: string): void {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      throw new HostError(
        'invalid_argument',
        'That is not a web address. Copy the whole address from the browser and paste it again.',
      );
    }
    const state = url.searchParams.get('state');
    if (
      url.protocol !== 'http:' ||
      url.host !== this.#host ||
      url.pathname !== this.#path ||
      state === null ||
      !sameSecret(state, this.#state)
    ) {
      throw new HostError(
        'invalid_argument',
        'That address is not the one this sign-in is waiting for. Paste the address the browser showed after you signed in (it starts with ' +
          this.redirectUri +
          '), or start the sign-in again.',
      );
    }
    if (this.#accepted || this.#closed)
      throw new HostError(
        'not_found',
        'This sign-in already has its address from the browser, or it has ended.',
      );
    this.#accepted = true;
    clearTimeout(this.#timer);
    this.#settle?.resolve(url);
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
      // Only the browser coming back from the provider for this attempt: anything else leaves it pending.
      const state = url.searchParams.get('state');
      if (req.headers.host !== this.#host || state === null || !sameSecret(state, this.#state)) {
        res.writeHead(400, { ...headers, 'content-type': 'text/html; charset=utf-8', connection: 'close' });
        res.end(NOT_THIS_SIGN_IN);
        return;
      }
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

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closed = true;
    clearTimeout(this.#timer);
    if (!this.#accepted) this.fail(new HostError('cancelled', 'the sign-in was cancelled'));
    this.#closing = Promise.all(this.#servers.map(closeServer)).then(() => undefined);
    return this.#closing;
  }

  /** Resolves once the port is closed, whoever closed it (the page served, a cancel, the timeout). */
  async whenClosed(): Promise<void> {
    await Promise.all(
      this.#servers.map(
        (server) =>
          new Promise<void>((resolve) =>
            server.listening ? server.once('close', () => resolve()) : resolve(),
          ),
      ),
    );
  }
}
