/**
 * The host's one async toolkit: whole operations in order, a bounded number at once, one flight shared by
 * every caller, and timers that survive long delays. Every queue, single-flight and long timer in the host
 * uses these (after VS Code's base/common/async.ts and msal-node's request coalescer), so each rule is
 * written and tested once.
 */

/** The longest delay setTimeout keeps: past 2^31−1 ms Node and browsers fire after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Runs whole operations one after another, in the order they were queued. A failed operation does not
 * stop the ones behind it; its caller gets the failure.
 */
export class Sequencer {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T> | T): Promise<T> {
    const run = this.#tail.then(operation, operation);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once everything queued so far has finished (failures included). */
  idle(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}

/**
 * At most `limit` operations at once; the rest wait in order. A waiting one whose signal aborts leaves the
 * line and rejects with the signal's reason; one that has started runs to its end.
 */
export class Limiter {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a limiter needs a limit of at least 1');
    this.#limit = limit;
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.#running >= this.#limit) await this.#wait(signal);
    else this.#running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line; only when nobody waits does it free up.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.#waiting.indexOf(start);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(start);
    });
  }
}

/**
 * One flight of `work` at a time, shared by every caller who asks while it is in the air. With
 * `keep: true` a success is kept and handed out from then on (a cached discovery, a loaded key); a failure
 * is never kept, so the next caller tries again.
 */
export class SingleFlight<T> {
  readonly #work: () => Promise<T>;
  readonly #keep: boolean;
  #flight: Promise<T> | null = null;

  constructor(work: () => Promise<T>, options: { keep?: boolean } = {}) {
    this.#work = work;
    this.#keep = options.keep ?? false;
  }

  get inFlight(): boolean {
    return this.#flight !== null;
  }

  run(): Promise<T> {
    if (this.#flight) return this.#flight;
    const flight = Promise.resolve().then(this.#work);
    this.#flight = flight;
    flight.then(
      () => {
        if (!this.#keep && this.#flight === flight) this.#flight = null;
      },
      () => {
        if (this.#flight === flight) this.#flight = null;
      },
    );
    return flight;
  }

  /** Drops a kept result (or stops sharing the current flight): the next call starts anew. */
  reset(): void {
    this.#flight = null;
  }
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * Fires once at an absolute time on `clock`, however far away: a delay past what setTimeout keeps is
 * waited in steps, re-armed each time until the time has come. Never holds the process open.
 */
export class Timer {
  readonly #clock: Clock;
  #handle: ReturnType<typeof setTimeout> | null = null;
  #at: number | null = null;
  #fire: (() => void) | null = null;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** When it will fire (epoch ms), or null when nothing is scheduled. */
  get at(): number | null {
    return this.#at;
  }

  /** Replaces whatever was scheduled. */
  fireAt(at: number, fire: () => void): void {
    this.cancel();
    this.#at = at;
    this.#fire = fire;
    this.#arm(at, fire);
  }

  fireIn(ms: number, fire: () => void): void {
    this.fireAt(this.#clock.now() + Math.max(0, ms), fire);
  }

  #arm(at: number, fire: () => void): void {
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, at - this.#clock.now()));
    this.#handle = setTimeout(() => {
      this.#handle = null;
      // Woken early (a clamped step, or a clock that moved): wait the rest.
      if (this.#clock.now() < at) return this.#arm(at, fire);
      this.#at = null;
      this.#fire = null;
      fire();
    }, delay);
    (this.#handle as { unref?: () => void }).unref?.();
  }

  cancel(): void {
    if (this.#handle !== null) clearTimeout(this.#handle);
    this.#handle = null;
    this.#at = null;
    this.#fire = null;
  }

  /**
   * Looks at the clock again: fires now if the time has come while the timer slept (the machine was
   * suspended, or the wall clock jumped ahead), else waits the rest from now.
   */
  recheck(): void {
    const at = this.#at;
    const fire = this.#fire;
    if (at === null || fire === null) return;
    this.fireAt(at, fire);
  }
}

export interface WallClockWatchOptions {
  /** The wall clock (epoch ms), as the rest of the host reads it. */
  now(): number;
  /** A clock that only moves forward with the process (performance.now). */
  monotonic(): number;
  /** How often to compare them (default 10 s). */
  everyMs?: number;
  /** How far they may drift apart before it counts as a jump (default 5 s). */
  toleranceMs?: number;
}

/**
 * Calls `jumped` when the wall clock moved differently from the process's own clock: the machine slept and
 * woke (a suspended machine's monotonic clock stands still), or the time was set. Timers armed before
 * then may be late; whoever owns them looks again.
 */
export class WallClockWatch {
  readonly #options: Required<WallClockWatchOptions>;
  readonly #jumped: (byMs: number) => void;
  #handle: ReturnType<typeof setInterval> | null = null;
  #wall = 0;
  #mono = 0;

  constructor(options: WallClockWatchOptions, jumped: (byMs: number) => void) {
    this.#options = { everyMs: 10_000, toleranceMs: 5000, ...options };
    this.#jumped = jumped;
  }

  start(): void {
    if (this.#handle) return;
    this.#mark();
    this.#handle = setInterval(() => this.check(), this.#options.everyMs);
    (this.#handle as { unref?: () => void }).unref?.();
  }

  /** Compares the clocks now (also called on every tick). */
  check(): void {
    const expected = this.#wall + (this.#options.monotonic() - this.#mono);
    const drift = this.#options.now() - expected;
    this.#mark();
    if (Math.abs(drift) > this.#options.toleranceMs) this.#jumped(drift);
  }

  #mark(): void {
    this.#wall = this.#options.now();
    this.#mono = this.#options.monotonic();
  }

  stop(): void {
    if (this.#handle) clearInterval(this.#handle);
    this.#handle = null;
  }
}

/** Waits `ms` without blocking the thread; rejects with the signal's reason when it aborts first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const handle = setTimeout(done, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, ms)));
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
