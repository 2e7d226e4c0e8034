/**
 * What web mode's page and host agree on: the paths, headers, query names and the meta tag that carries the
 * launch secret. The host (src/main/web/server.ts), the page (src/renderer/host/*) and the renderer build
 * (which writes the meta tag into index.html) all import these, so none of them can drift.
 */

/** `POST /api/call/<method>` with `{ args }`, answered with a Result. */
export const CALL_PATH_PREFIX = '/api/call/';
/** `GET /api/events?client=…&secret=…`: server-sent events (EventSource cannot set headers). */
export const EVENTS_PATH = '/api/events';
export const EVENTS_CLIENT_PARAM = 'client';
export const EVENTS_SECRET_PARAM = 'secret';

/** The launch secret on every call. */
export const SECRET_HEADER = 'x-latchkey-secret';
/** The page load a call comes from (its session storage). */
export const CLIENT_HEADER = 'x-latchkey-client';

/** The meta tag the host fills with the launch secret when it serves index.html. */
export const SECRET_META_NAME = 'latchkey-web';
export const secretMetaTag = (secret: string): string =>
  `<meta name="${SECRET_META_NAME}" content="${secret}" />`;
/** What the build writes into index.html and the host replaces. */
export const SECRET_META_PLACEHOLDER = secretMetaTag('');
