/**
 * How web mode and plain Node reach sign-in providers: Node's fetch, through the proxy the environment
 * names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY; undici's own proxy agent, no proxy client of ours) and with
 * the certificates Node trusts (NODE_EXTRA_CA_CERTS; `--use-system-ca` for the OS store). This machine
 * (127.0.0.1, localhost, [::1]) is never reached through a proxy: the demo provider and loopback redirects
 * stay local whatever NO_PROXY says. The desktop app uses Electron's net.fetch instead.
 */
import { isLoopbackHost } from '../../shared/loopback.ts';
import type { FetchImpl } from '../auth/providers/http.ts';
import { proxyFromEnv } from './proxy-env.ts';

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
    return proxied(url, { ...init, dispatcher: agent });
  };
}
