/**
 * At most two key derivations at once. PBKDF2 at 600,000 rounds holds a libuv thread for ~100 ms, and libuv
 * has four: with more derivations in flight, file writes (client storage) and static files wait behind them
 * for seconds. The rest queue, in order, and a queued one can be cancelled before it starts.
 */
import { HostError } from '../../../shared/errors.ts';

export class DerivationQueue {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: Array<{ start: () => void; signal: AbortSignal | undefined; onAbort: () => void }> = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new HostError('cancelled', 'the encryption was cancelled');
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: () => {
            signal?.removeEventListener('abort', entry.onAbort);
            resolve();
          },
          signal,
          onAbort: () => {
            const at = this.#waiting.indexOf(entry);
            if (at >= 0) this.#waiting.splice(at, 1);
            reject(new HostError('cancelled', 'the encryption was cancelled before it started'));
          },
        };
        signal?.addEventListener('abort', entry.onAbort, { once: true });
        this.#waiting.push(entry);
      });
    } else this.#running++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next in line; only when nobody waits does it free up.
      if (next) next.start();
      else this.#running--;
    }
  }
}
