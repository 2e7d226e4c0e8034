/**
 * Cleanup that runs even when a test fails. A test that closes its service on its last line leaks that
 * service's servers, timers and listeners into the rest of the file as soon as an assertion above it fails;
 * registering the cleanup instead makes it run after the test whatever happened (as VS Code's
 * `ensureNoDisposablesAreLeakedInTestSuite` does).
 *
 *   const store = track(await ClientStorage.open(dir));   // closed after this test
 *   defer(() => server.close());                           // any cleanup, run after this test
 *
 * Importing this module registers one `afterEach` for the test file. Everything registered during a test
 * (or its `beforeEach`) is closed after it, in reverse order of registration (what was opened last closes
 * first), each awaited; a cleanup that throws does not stop the others, and its error fails the test. Only
 * inside a test: something opened in `beforeAll` belongs in that file's `afterAll`.
 */
import { afterEach, TestRunner } from 'vitest';

/** Anything with a `close()` (sync or async), or a disposable in the TC39 sense. */
export type Closable =
  { close(): unknown } | { [Symbol.asyncDispose](): PromiseLike<void> } | { [Symbol.dispose](): void };

const pending: Array<{ what: string; run: () => unknown }> = [];

function inTest(what: string): void {
  if (!TestRunner.getCurrentTest()) {
    throw new Error(`${what} outside a test: close what beforeAll opens in afterAll instead`);
  }
}

/** Runs `cleanup` after the current test, pass or fail. */
export function defer(cleanup: () => unknown, what = 'a deferred cleanup'): void {
  inTest('defer()');
  pending.push({ what, run: cleanup });
}

/** Closes `resource` after the current test, pass or fail; returns it, so it can wrap the expression that opens it. */
export function track<T extends Closable>(resource: T): T {
  inTest('track()');
  const what = resource.constructor?.name ?? 'a resource';
  pending.push({
    what,
    run: () => {
      // close() first: it is what the tests called inline (a Node server's asyncDispose rejects when it
      // already stopped, its close() does not).
      if ('close' in resource && typeof resource.close === 'function') return resource.close();
      if (Symbol.asyncDispose in resource) return resource[Symbol.asyncDispose]();
      return (resource as { [Symbol.dispose](): void })[Symbol.dispose]();
    },
  });
  return resource;
}

/** Closes everything registered so far, last first; exported for this module's own test. */
export async function disposeAll(): Promise<void> {
  const errors: unknown[] = [];
  for (let item = pending.pop(); item; item = pending.pop()) {
    try {
      await item.run();
    } catch (error) {
      errors.push(new Error(`closing ${item.what} after the test failed`, { cause: error }));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} cleanups failed after the test`);
}

afterEach(disposeAll);
