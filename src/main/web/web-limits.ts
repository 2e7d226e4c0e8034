/** The web host's limits: what one local page, or a hostile neighbour, can make it hold. */
export const WEB_LIMITS = {
  /** Event streams open at once, over all page loads. */
  maxStreams: 32,
  /** Bytes queued for one stream that its reader has not taken; past this the slow reader is dropped. */
  maxUnsentBytes: 1024 * 1024,
  /** A page load with no event stream and no call for this long has gone: its session storage is dropped. */
  idlePageMs: 5 * 60 * 1000,
  /**
   * A page whose event stream closed keeps its session storage this long, so a reload (same page-load id, kept
   * in the tab's sessionStorage) continues the session; a tab closed for longer loses it.
   */
  reloadGraceMs: 60 * 1000,
  /** How often idle page loads are looked for. */
  sweepEveryMs: 60 * 1000,
  /** A request, body included, must arrive within this. */
  requestTimeoutMs: 30 * 1000,
  /** Refused requests logged per minute; the rest are counted in one line. */
  refusalsLoggedPerMinute: 10,
  /** What EventSource waits before reconnecting a dropped stream. */
  reconnectMs: 1000,
} as const;

/** Logs at most `perMinute` lines a minute, then one line saying how many were left out. */
export function rateLimited(log: (line: string) => void, perMinute: number, now: () => number = Date.now) {
  let windowStart = now();
  let logged = 0;
  let suppressed = 0;
  return (line: string): void => {
    if (now() - windowStart >= 60_000) {
      if (suppressed > 0) log(`latchkey web: ${suppressed} more refused requests were not logged`);
      windowStart = now();
      logged = 0;
      suppressed = 0;
    }
    if (logged < perMinute) {
      logged++;
      log(line);
    } else suppressed++;
  };
}

/** `application/json`, with parameters allowed (`; charset=utf-8`), and nothing that merely starts like it. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
