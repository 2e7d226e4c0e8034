/**
 * The proxy a program on this machine is told to use, read the way curl and most tools read it:
 * `https_proxy`/`HTTPS_PROXY` for https, `http_proxy`/`HTTP_PROXY` for http (lower case first), and
 * `no_proxy`/`NO_PROXY` for the hosts to reach directly. Pure, so the rules are table-tested.
 */

export interface ProxySettings {
  httpProxy?: string | undefined;
  httpsProxy?: string | undefined;
  noProxy: string;
}

const pick = (env: NodeJS.ProcessEnv, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/** `proxy.corp:3128` means `http://proxy.corp:3128`, as curl takes it. */
const withScheme = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;

/** The proxy settings in `env`, or null when no proxy is set. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings | null {
  const httpProxy = withScheme(pick(env, 'http_proxy'));
  const httpsProxy = withScheme(pick(env, 'https_proxy'));
  if (!httpProxy && !httpsProxy) return null;
  return { httpProxy, httpsProxy, noProxy: pick(env, 'no_proxy') ?? '' };
}

/** A proxy URL for a log line or a message: never its user name or password. */
export function describeProxy(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the configured proxy';
  }
}
