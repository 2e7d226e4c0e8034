/**
 * A provider is trusted only as far as it is configured. Its discovery document may name any endpoint; each
 * one is held to the same rule as the issuer the entry names (plain http only for a loopback host, and only
 * with `allowInsecureHttp`), so an issuer on loopback http cannot send the code, the PKCE verifier, the client
 * secret or a bearer token in clear to another machine. And over plain http, where nothing vouches for the
 * answers, the ID token's signature is checked against the provider's JWKS (openid-client's non-repudiation
 * checks), so a forged `sub`, `email` or `groups` is refused.
 */
import * as client from 'openid-client';
import { HostError } from '../../shared/errors.ts';
import { isLoopbackHost } from '../../shared/loopback.ts';

/** Why `value` may not be used as an endpoint under the http rule, or null when it may. */
export function endpointProblem(value: string, allowHttp: boolean): string | null {
  if (!URL.canParse(value)) return 'is not a URL';
  const url = new URL(value);
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return `uses ${url.protocol}, not https`;
  if (!isLoopbackHost(url.hostname))
    return 'uses plain http on a host that is not this machine (plain http is allowed only for 127.0.0.1, localhost and [::1])';
  return allowHttp ? null : 'uses plain http, and this provider is not set to allow it ("allowInsecureHttp")';
}

/** Every URL a discovery document names (endpoints, jwks_uri, the mTLS aliases), by field. */
function namedUrls(metadata: client.ServerMetadata): Array<[string, string]> {
  const urls: Array<[string, string]> = [];
  for (const [field, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') continue;
    if (field === 'issuer' || field.endsWith('_endpoint') || field.endsWith('_uri'))
      urls.push([field, value]);
  }
  const aliases = metadata.mtls_endpoint_aliases;
  if (aliases && typeof aliases === 'object')
    for (const [field, value] of Object.entries(aliases))
      if (typeof value === 'string') urls.push([`mtls_endpoint_aliases.${field}`, value]);
  return urls;
}

/** Fields whose value is documentation for people, not somewhere Latchkey sends anything. */
const NOT_ENDPOINTS = new Set(['service_documentation', 'op_policy_uri', 'op_tos_uri']);

/**
 * Refuses a discovered configuration that names an endpoint outside the http rule (`forbidden`), and turns
 * on the ID token signature check when the provider is spoken to over plain http.
 */
export function trustDiscovered(config: client.Configuration, allowHttp: boolean): void {
  const metadata = config.serverMetadata();
  for (const [field, value] of namedUrls(metadata)) {
    if (NOT_ENDPOINTS.has(field)) continue;
    const problem = endpointProblem(value, allowHttp);
    if (problem)
      throw new HostError(
        'forbidden',
        `the provider's discovery document names ${field} ${value}, which ${problem}; nothing is sent there`,
      );
  }
  const overHttp = namedUrls(metadata).some(([, v]) => v.startsWith('http:'));
  // TLS vouches for an https token endpoint's answers (OpenID Connect Core 3.1.3.7); plain http needs the signature.
  if (overHttp) client.enableNonRepudiationChecks(config);
}
