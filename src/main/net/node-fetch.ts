/**
 * How web mode and plain Node reach sign-in providers: Node's fetch, through the proxy the environment
 * names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY; undici's own proxy agent, no proxy client of ours) and with
 * the certificates Node trusts (NODE_EXTRA_CA_CERTS; `--use-system-ca` for the OS store). This machine
 * (127.0.0.1, localhost, [::1]) is never reached through a proxy: the demo provider and loopback redirects
 * stay local whatever NO_PROXY says. The desktop app uses Electron's net.fetch instead.
 */
import { isLoopbackHost } from '../../shared/loopback.ts';
import type { FetchImpl } from '../auth/providers/http.ts';
import { describeProxy, proxyFromEnv } from './proxy-env.ts';

/**
 * A failure to reach the proxy itself (down, a wrong name or port) is the proxy's, not the provider's: it is
 * marked so, and the card names the proxy instead of blaming the provider.
 */
function blameProxy(error: unknown, proxyUrl: string | undefined): unknown {
  if (!proxyUrl) return error;
  const proxy = new URL(proxyUrl);
  const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
  for (let e: unknown = error, depth = 0; depth < 6 && e instanceof Error; depth++) {
    const at = e as { code?: string; address?: string; port?: number; hostname?: string };
    const toProxy =
      (at.port === port && at.address !== undefined) ||
      (at.code === 'ENOTFOUND' && at.hostname === proxy.hostname);
    if (
      toProxy &&
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(at.code ?? '')
    )
      return new TypeError('fetch failed', {
        cause: Object.assign(
          new Error(`the proxy ${describeProxy(proxyUrl)} could not be reached (${at.code})`),
          {
            code: 'PROXY_UNREACHABLE',
            cause: error,
          },
        ),
      });
    e = (e as { cause?: unknown }).cause;
  }
  return error;
}

/** Node's own fetch, or one through the environment's proxy when one is set. */
export async function fetchFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<FetchImpl> {
  const proxy = proxyFromEnv(env);
  if (!proxy) return fetch;
  // Loaded only when a proxy is set: undici stays off the start-up path otherwise.
  const undici = await import('undici');
  const agent = new undici.EnvHttpProxyAgent({
    ...(proxy.httpProxy ? { httpProxy: proxy.httpProxy } : {}),
    ...(proxy.httpsProxy ? { httpsProxy: proxy.httpsProxy } : {}),
    noProxy: proxy.noProxy,
  });
  // undici's own fetch with its agent (Node's built-in fetch bundles another undici, whose types differ).
  const proxied = undici.fetch as unknown as (
    input: string | URL | Request,
    init: object,
  ) => Promise<Response>;
  // Every caller here passes a URL and its options (openid-client's customFetch, the API reads).
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (isLoopbackHost(new URL(url).hostname)) return fetch(input, init);
    // As the global Response: code that checks `instanceof Response` (openid-client, our error split) sees
    // undici's own class otherwise, and a 5xx or a 401 would be misread.
    return proxied(url, { ...init, dispatcher: agent }).then(
      (res) =>
        new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers }),
      (error: unknown) => {
        throw blameProxy(error, url.startsWith('https:') ? proxy.httpsProxy : proxy.httpProxy);
      },
    );
  };
}
