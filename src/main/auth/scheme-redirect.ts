/**
 * The desktop app's private-use URI scheme redirect (RFC 8252 section 7.1), for networks where the browser
 * cannot reach a loopback port: the provider sends the browser to `<app id>:/callback/<provider id>`, the
 * operating system hands that address to the app (a second launch's argv on Windows and Linux, `open-url` on
 * macOS), and the host delivers it here. It is taken exactly as the loopback takes its redirect: this
 * attempt's path, this attempt's `state` (in constant time), once; PKCE and `iss` are checked after, as for
 * the loopback. Nothing listens on a port.
 */
import { HostError } from '../../shared/errors.ts';
import { sameSecret, type RedirectReceiver, type ResultPage } from './loopback.ts';

export interface SchemeRedirectOptions {
  /** The scheme the app is registered for, e.g. `dev.latchkey.app` (reverse DNS, as RFC 8252 asks). */
  scheme: string;
  /** e.g. /callback/github */
  path: string;
  timeoutMs: number;
  expectedState: string;
}

export class SchemeReceiver implements RedirectReceiver {
  readonly redirectUri: string;
  readonly callback: Promise<URL>;
  readonly #scheme: string;
  readonly #path: string;
  readonly #state: string;
  readonly #timer: ReturnType<typeof setTimeout>;
  #settle!: { resolve: (url: URL) => void; reject: (error: Error) => void };
  #done = false;

  constructor(options: SchemeRedirectOptions) {
    this.#scheme = options.scheme.toLowerCase();
    this.#path = options.path;
    this.#state = options.expectedState;
    this.redirectUri = `${this.#scheme}:${options.path}`;
    this.callback = new Promise<URL>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.callback.catch(() => {}); // observed by the sign-in flow
    this.#timer = setTimeout(
      () => this.fail(new HostError('cancelled', 'the sign-in timed out waiting for the browser')),
      options.timeoutMs,
    );
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Whether `text` is this attempt's redirect (scheme, path and state); takes it when it is. */
  #take(text: string): boolean {
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      return false;
    }
    const state = url.searchParams.get('state');
    if (url.protocol !== `${this.#scheme}:` || url.host !== '' || url.pathname !== this.#path) return false;
    if (state === null || !sameSecret(state, this.#state) || this.#done) return false;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#settle.resolve(url);
    return true;
  }

  /** A redirect the operating system delivered: true when it was this attempt's (and is now taken). */
  deliver(address: string): boolean {
    return this.#take(address);
  }

  acceptPasted(text: string): void {
    if (!this.#take(text))
      throw new HostError(
        'invalid_argument',
        `That address is not the one this sign-in is waiting for. Paste the address the browser showed after you signed in (it starts with ${this.redirectUri}), or start the sign-in again.`,
      );
  }

  /** The browser is left at the operating system's "open the app?" prompt: there is no page to show. */
  setResult(_result: Promise<ResultPage>): void {}

  fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#settle.reject(error);
  }
}
