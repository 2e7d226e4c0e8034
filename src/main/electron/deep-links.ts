/**
 * Deep links (`latchkey://…`, the scheme from the app identity): what a link means is a pure function
 * (parseDeepLink, table-tested); the router delivers it. macOS hands links to `open-url`, Windows and
 * Linux start a second instance with the link in its argv (`second-instance`), or the first launch has it
 * in process.argv.
 *
 *   <scheme>://open/<area>   bring the app forward on that area (areas.ts lists them)
 *   <scheme>://auth/…        a sign-in redirect: handed whole to the hook set with onAuthRedirect
 *
 * Anything else is ignored and logged without its query (which may carry a code or a state).
 */
import { AREAS, type AreaId } from '../../renderer/areas.ts';
import type { Logger } from '../../shared/logger.ts';

export type DeepLink =
  { kind: 'open'; area: AreaId } | { kind: 'auth'; url: string } | { kind: 'ignored'; reason: string };

/** The longest link looked at: anything longer is not one of ours. */
const MAX_LINK_LENGTH = 4096;

export function parseDeepLink(raw: string, scheme: string): DeepLink {
  if (raw.length > MAX_LINK_LENGTH) return { kind: 'ignored', reason: 'too long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'ignored', reason: 'not a URL' };
  }
  if (url.protocol !== `${scheme}:`) return { kind: 'ignored', reason: 'another scheme' };
  if (url.username || url.password) return { kind: 'ignored', reason: 'credentials in the link' };
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'open') {
    const area = AREAS.find((a) => segments.length === 1 && a.id === segments[0]);
    return area ? { kind: 'open', area: area.id } : { kind: 'ignored', reason: 'unknown area' };
  }
  if (url.hostname === 'auth') return { kind: 'auth', url: url.href };
  return { kind: 'ignored', reason: 'unknown link' };
}

/** The link in a command line, if any: Windows and Linux pass it as an argument of the new process. */
export function deepLinkInArgv(argv: readonly string[], scheme: string): string | null {
  const prefix = `${scheme}:`;
  return argv.find((arg) => arg.toLowerCase().startsWith(prefix)) ?? null;
}

/** A link as it may be logged: scheme, host and path, never the query or fragment. */
export function loggableLink(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200);
  } catch {
    return '(not a URL)';
  }
}

export interface DeepLinkTargets {
  /** Bring the app forward on this area. */
  openArea(area: AreaId): void;
}

/**
 * Delivers links. Links that arrive before the app is ready (macOS sends `open-url` before `ready` when a
 * link launches the app) wait until `ready()` gives the router its targets.
 */
export class DeepLinkRouter {
  readonly #scheme: string;
  readonly #log: Logger;
  #targets: DeepLinkTargets | null = null;
  #early: string[] = [];
  #authRedirect: ((url: string) => void) | null = null;

  constructor(scheme: string, log: Logger) {
    this.#scheme = scheme;
    this.#log = log;
  }

  /**
   * The sign-in's hook: `<scheme>://auth/…` redirects (a custom-scheme redirect URI) go to `handler`, whole.
   * Until one is set such links are ignored. Returns a function that removes the hook.
   */
  onAuthRedirect(handler: (url: string) => void): () => void {
    this.#authRedirect = handler;
    return () => {
      if (this.#authRedirect === handler) this.#authRedirect = null;
    };
  }

  ready(targets: DeepLinkTargets): void {
    this.#targets = targets;
    for (const url of this.#early.splice(0)) this.receive(url);
  }

  /** Routes one link; what it did is returned for the tests. */
  receive(raw: string): DeepLink | 'queued' {
    if (!this.#targets) {
      if (this.#early.length < 8) this.#early.push(raw);
      return 'queued';
    }
    const link = parseDeepLink(raw, this.#scheme);
    if (link.kind === 'open') this.#targets.openArea(link.area);
    else if (link.kind === 'auth' && this.#authRedirect) this.#authRedirect(link.url);
    else {
      const reason = link.kind === 'auth' ? 'no sign-in is waiting for a redirect' : link.reason;
      this.#log.warn(`latchkey: deep link ignored (${reason}): ${loggableLink(raw)}`);
      return link.kind === 'auth' ? { kind: 'ignored', reason } : link;
    }
    return link;
  }
}
