/**
 * One sign-in attempt in flight: it owns what it started (a loopback listener, a device poll) and is the only
 * thing that may change the provider's state for it. Cancelling it (the user, a new attempt, sign-out, the
 * app closing) releases everything at once, and nothing it started can change state afterwards: every step
 * checks `live` after each await.
 */
import { HostError } from '../../shared/errors.ts';

export class Attempt {
  readonly #controller = new AbortController();
  #cancelled: { reason: string; silent: boolean } | null = null;
  readonly #releases: Array<() => void> = [];
  /** The account this attempt signs in again (more scopes, a new sign-in of it), when it names one. */
  forAccount?: string | undefined;

  /** Aborted on cancel: for fetches and polls the attempt started. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get cancelled(): { reason: string; silent: boolean } | null {
    return this.#cancelled;
  }

  get live(): boolean {
    return this.#cancelled === null;
  }

  /** Registers something to release on cancel; released at once if the attempt is already cancelled. */
  own(release: () => void): void {
    if (this.#cancelled) release();
    else this.#releases.push(release);
  }

  /**
   * Set by a browser sign-in while it waits for the redirect: completes it with the address the user pasted
   * from the browser (when the redirect never reached the loopback).
   */
  acceptRedirect: ((address: string) => void) | null = null;

  /**
   * Set by a browser sign-in that waits on the app's own scheme: takes a redirect the operating system
   * delivered, when it is this attempt's (true), and leaves the attempt alone otherwise (false).
   */
  deliverRedirect: ((address: string) => boolean) | null = null;

  /** Throws `cancelled` once the attempt has been cancelled: call after every await. */
  check(): void {
    if (this.#cancelled) throw new HostError('cancelled', this.#cancelled.reason);
  }

  /** Returns false when it was already cancelled. `silent`: replaced or closing, not the user's doing. */
  cancel(reason: string, silent: boolean): boolean {
    if (this.#cancelled) return false;
    this.#cancelled = { reason, silent };
    this.#controller.abort(new HostError('cancelled', reason));
    for (const release of this.#releases.splice(0)) release();
    return true;
  }
}
