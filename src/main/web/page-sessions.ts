/**
 * When a web-mode page's session has ended, so its session storage can be dropped. A page keeps its page-load id
 * in the tab's sessionStorage (renderer/host/web-transport.ts), so a reload comes back with the same id: its
 * event stream closes and a new one opens a moment later. The session therefore outlives a closed stream by a
 * grace period, and only a page that stays away that long (a closed tab) loses it. Electron-free, with the clock
 * and timers injected, so the policy is tested without a server or fake timers.
 */

export interface PageSessionsOptions {
  /** How long a page whose last stream closed may take to come back (a reload) and keep its session. */
  graceMs: number;
  /** A page with no stream that has not called for this long has gone (it never opened one, or lost it). */
  idleMs: number;
  /** The page's session ended: drop what the host keeps for it. */
  onGone: (clientId: string) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class PageSessions {
  readonly #o: Required<PageSessionsOptions>;
  /** Open event streams per page load. */
  readonly #streams = new Map<string, number>();
  /** When each page load was last heard from (a call, or its stream opening or closing). */
  readonly #lastSeen = new Map<string, number>();
  /** Pages whose last stream closed, waiting out the grace period. */
  readonly #leaving = new Map<string, unknown>();

  constructor(options: PageSessionsOptions) {
    this.#o = {
      now: Date.now,
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        // A pending drop must not keep web mode's process alive.
        t.unref();
        return t;
      },
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
      ...options,
    };
  }

  /** A call from the page. */
  seen(clientId: string): void {
    this.#lastSeen.set(clientId, this.#o.now());
  }

  hasStream(clientId: string): boolean {
    return this.#streams.has(clientId);
  }

  streamOpened(clientId: string): void {
    this.#cancelLeaving(clientId);
    this.#streams.set(clientId, (this.#streams.get(clientId) ?? 0) + 1);
    this.seen(clientId);
  }

  /**
   * A stream closed. `slowReader`: the host dropped it for not keeping up; the page reconnects by itself, and
   * the idle sweep covers one that does not.
   */
  streamClosed(clientId: string, slowReader = false): void {
    this.seen(clientId);
    const left = (this.#streams.get(clientId) ?? 1) - 1;
    if (left > 0) return void this.#streams.set(clientId, left);
    this.#streams.delete(clientId);
    if (slowReader) return;
    this.#cancelLeaving(clientId);
    this.#leaving.set(
      clientId,
      this.#o.setTimer(() => {
        this.#leaving.delete(clientId);
        if (this.#streams.has(clientId)) return;
        // Heard from since (a call without a stream): the idle sweep decides about it.
        if (this.#o.now() - (this.#lastSeen.get(clientId) ?? 0) < this.#o.graceMs) return;
        this.#gone(clientId);
      }, this.#o.graceMs),
    );
  }

  /** Pages with no stream that have been quiet for idleMs are gone (run on an interval by the server). */
  sweep(): void {
    const now = this.#o.now();
    for (const [clientId, at] of this.#lastSeen) {
      if (this.#streams.has(clientId) || this.#leaving.has(clientId) || now - at < this.#o.idleMs) continue;
      this.#gone(clientId);
    }
  }

  /** The server stops: nothing more is dropped later. */
  close(): void {
    for (const handle of this.#leaving.values()) this.#o.clearTimer(handle);
    this.#leaving.clear();
  }

  #cancelLeaving(clientId: string): void {
    const handle = this.#leaving.get(clientId);
    if (handle === undefined) return;
    this.#o.clearTimer(handle);
    this.#leaving.delete(clientId);
  }

  #gone(clientId: string): void {
    this.#lastSeen.delete(clientId);
    this.#o.onGone(clientId);
  }
}
