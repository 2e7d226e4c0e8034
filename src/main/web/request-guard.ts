/**
 * Who may talk to the web host. It listens on loopback only, but that is not enough: any web page the user
 * visits can send requests to 127.0.0.1, and DNS rebinding can make such a page look same-origin. So every
 * request must name us in its Host header, API calls must carry the per-launch secret, and a browser's
 * Origin / Sec-Fetch-Site, when present, must say the request comes from our own page.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface GuardConfig {
  port: number;
  secret: string;
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The secret the request presented (header or, for EventSource, query), if any. */
  presentedSecret: string | undefined;
}

export type GuardVerdict = { allow: true } | { allow: false; status: 400 | 401 | 403 | 421; reason: string };

function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function secretsEqual(presented: string | undefined, secret: string): boolean {
  if (presented === undefined || presented.length === 0) return false;
  // Hash first so the comparison takes the same time whatever the presented length.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** Checks for any request, including the page itself and its assets. */
export function checkPageRequest(facts: RequestFacts, config: GuardConfig): GuardVerdict {
  if (!isAllowedHost(facts.host, config.port)) {
    return {
      allow: false,
      status: 421,
      reason: 'this host serves only 127.0.0.1 and localhost on its own port',
    };
  }
  return { allow: true };
}

/** Checks for API calls and the event stream. */
export function checkApiRequest(facts: RequestFacts, config: GuardConfig): GuardVerdict {
  const page = checkPageRequest(facts, config);
  if (!page.allow) return page;
  if (facts.origin !== undefined && !allowedOrigins(config.port).includes(facts.origin)) {
    return { allow: false, status: 403, reason: 'requests from other origins are refused' };
  }
  if (
    facts.secFetchSite !== undefined &&
    facts.secFetchSite !== 'same-origin' &&
    facts.secFetchSite !== 'none'
  ) {
    return { allow: false, status: 403, reason: 'cross-site requests are refused' };
  }
  if (!secretsEqual(facts.presentedSecret, config.secret)) {
    return { allow: false, status: 401, reason: 'missing or wrong launch secret' };
  }
  return { allow: true };
}

/** A page-load id the browser client makes up; only its shape is checked, it is not a credential. */
export function isValidClientId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value);
}
