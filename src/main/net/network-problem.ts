/**
 * What went wrong on the way to a provider, in words a user can act on: the name does not resolve, the
 * connection was refused or timed out, the certificate is not trusted, the proxy refused or wants a
 * password. Reads Node's and undici's error codes and Electron's net:: errors along the cause chain; the
 * raw message stays the technical detail. Pure, so each case is table-tested.
 */

export type NetworkProblemKind =
  | 'name_not_resolved'
  | 'connection_refused'
  | 'timed_out'
  | 'certificate_untrusted'
  | 'proxy_auth_required'
  | 'proxy_refused'
  | 'proxy_unreachable'
  | 'connection_lost';

export interface NetworkProblem {
  kind: NetworkProblemKind;
  /** The first line a user reads: what happened and what to try, naming the host. */
  message: string;
}

const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Every code and message along an error's cause chain (at most a few links deep). */
function chain(error: unknown): { codes: string[]; text: string } {
  const codes: string[] = [];
  const texts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (e.name === 'TimeoutError') codes.push('TimeoutError');
    texts.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  return { codes, text: texts.join(' | ') };
}

function kindOf(error: unknown): NetworkProblemKind | null {
  const { codes, text } = chain(error);
  const has = (...names: string[]) => names.some((n) => codes.includes(n));
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(text)?.[1];
  if (has('PROXY_UNREACHABLE')) return 'proxy_unreachable';
  if (proxyStatus === '407' || /ERR_PROXY_AUTH|Proxy Authentication Required/.test(text))
    return 'proxy_auth_required';
  if (proxyStatus || /ERR_(TUNNEL|PROXY)_CONNECTION_FAILED|ERR_NO_SUPPORTED_PROXIES/.test(text))
    return 'proxy_refused';
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME') || /ERR_NAME_NOT_RESOLVED/.test(text))
    return 'name_not_resolved';
  if (codes.some((c) => CERTIFICATE_CODES.has(c)) || /ERR_CERT_|ERR_SSL_/.test(text))
    return 'certificate_untrusted';
  if (has('ECONNREFUSED') || /ERR_CONNECTION_REFUSED/.test(text)) return 'connection_refused';
  if (
    has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'TimeoutError') ||
    /ERR_(CONNECTION_)?TIMED_OUT/.test(text)
  )
    return 'timed_out';
  if (
    has('ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET') ||
    /ERR_(CONNECTION_(RESET|CLOSED)|INTERNET_DISCONNECTED|NETWORK_CHANGED|ADDRESS_UNREACHABLE)/.test(text)
  )
    return 'connection_lost';
  return null;
}

/**
 * The plain explanation of a failed request to `target` (or to "the provider" when the caller does not know
 * where it went), or null when the failure was not the network's.
 */
export function explainNetworkFailure(error: unknown, target?: string | URL): NetworkProblem | null {
  const kind = kindOf(error);
  if (!kind) return null;
  const named = target === undefined ? null : new URL(target).host;
  const host = named ?? 'the provider';
  const Host = named ?? 'The provider';
  const message: Record<NetworkProblemKind, string> = {
    name_not_resolved: `${Host} could not be found. Check the address, and that you are on the company network or VPN (or that the proxy is set).`,
    connection_refused: `${Host} refused the connection. The provider may be down, or a firewall or proxy is in the way; try again later.`,
    timed_out: `${Host} did not answer in time. The provider may be down or slow, or a firewall or proxy is in the way; try again later.`,
    certificate_untrusted: `${Host} showed a certificate this computer does not trust. If your company uses its own certificate authority, trust it (see "Networks, proxies and certificates" in the README).`,
    proxy_auth_required: `The proxy asks for a user name and password before it lets this app reach ${host}. Put them in the proxy setting (http://user:password@proxy:port) or ask your IT department.`,
    proxy_unreachable: `The proxy could not be reached, so ${host} could not be either. Check the proxy setting (HTTPS_PROXY or HTTP_PROXY) and your network connection.`,
    proxy_refused: `The proxy could not reach ${host}. The provider may be down, or the proxy does not allow it; try again later or ask your IT department.`,
    connection_lost: `The connection to ${host} was lost. Check your network connection and try again.`,
  };
  return { kind, message: message[kind] };
}

/** The raw text of an error and its causes, for "Technical detail". */
export function technicalDetail(error: unknown): string {
  return chain(error).text || String(error);
}
