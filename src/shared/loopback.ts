/**
 * What counts as this machine, said once: plain http, a development switch or a redirect is allowed only for
 * these hosts. `URL.hostname` writes IPv6 in brackets (`[::1]`); socket addresses write it bare (`::1`).
 * Only the names a loopback listener here answers on: not the rest of 127.0.0.0/8, not `localhost.`.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** An http(s) URL on a loopback host; false for anything that does not parse. */
export function isLoopbackUrl(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}

/**
 * The origin for a configured `host` (a name, optionally with :port): https, or plain http when the entry
 * allows it and the host is this machine.
 */
export function hostOrigin(host: string, allowInsecureHttp: boolean | undefined): string {
  const insecure = allowInsecureHttp === true && isLoopbackUrl(`http://${host}`);
  return `${insecure ? 'http' : 'https'}://${host}`;
}
