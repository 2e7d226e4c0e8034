/**
 * A fake host for renderer component tests. It stands where the preload script stands in the desktop app
 * (`window.latchkey`: one function per contract method answering a Result, plus `on`), so components reach it
 * through the real host/client.ts, which turns errors into HostErrors exactly as in the app. Each test says
 * what the methods it needs answer; a call nobody answered fails the test, and so does a listener a component
 * left subscribed after it was unmounted (see setup.ts).
 */
import { act } from '@testing-library/react';
import type {
  EventName,
  Events,
  HostTransport,
  MethodArgs,
  MethodName,
  MethodResult,
} from '../../../src/shared/contract.ts';
import { METHOD_NAMES } from '../../../src/shared/contract-names.ts';
import { fail, ok, type HostErrorShape, type Result } from '../../../src/shared/errors.ts';
import type { PreloadApi } from '../../../src/shared/preload-api.ts';

/** A typed error the way the host sends it across a transport (code, message, and path or details). */
export type Refusal = HostErrorShape;

class Refused extends Error {
  readonly shape: Refusal;
  constructor(shape: Refusal) {
    super(shape.message);
    this.shape = shape;
  }
}

/** Answers the call with a typed host error: `host.answer('auth.signIn', () => refuse({ code, message }))`. */
export function refuse(shape: Refusal): never {
  throw new Refused(shape);
}

type Handler<K extends MethodName> = (...args: MethodArgs<K>) => MethodResult<K> | Promise<MethodResult<K>>;

/** A promise the test settles by hand, to hold an answer back while it looks at the pending state. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

export class FakeHost {
  readonly #answers = new Map<MethodName, (...args: never[]) => unknown>();
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  /** Every call, in order, with its arguments as they crossed the transport. */
  readonly calls: Array<{ name: MethodName; args: unknown[] }> = [];
  /** Calls that had no answer, or whose answer threw something other than refuse(): reported after the test. */
  readonly problems: string[] = [];

  /** What `name` answers from now on (a value, a promise, or refuse()). */
  answer<K extends MethodName>(name: K, handler: Handler<K>): this {
    this.#answers.set(name, handler as (...args: never[]) => unknown);
    return this;
  }

  /** The arguments of every call to `name` so far. */
  callsTo<K extends MethodName>(name: K): MethodArgs<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as MethodArgs<K>);
  }

  /** Sends a host → renderer event to every subscribed listener, inside act() as the app's updates would be. */
  emit<E extends EventName>(name: E, payload: Events[E]): void {
    act(() => {
      for (const listener of [...(this.#listeners.get(name) ?? [])]) {
        (listener as (p: Events[E]) => void)(structuredClone(payload));
      }
    });
  }

  /** How many listeners are subscribed now (all of them, or to one event). */
  listenerCount(name?: EventName): number {
    if (name) return this.#listeners.get(name)?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Forgets answers, calls and problems (not listeners: those belong to what is still mounted). */
  reset(): void {
    this.#answers.clear();
    this.calls.length = 0;
    this.problems.length = 0;
  }

  /** The transport side: what a real host does with a call, minus the host. */
  readonly transport: HostTransport = {
    call: async (name, args) => {
      // Both real transports copy (structured clone over IPC, JSON over HTTP): so does this one.
      const copied = structuredClone([...args]);
      this.calls.push({ name, args: copied });
      const handler = this.#answers.get(name);
      if (!handler) {
        this.problems.push(`${name} was called, but the test gave it no answer`);
        return fail({ code: 'unknown_method', message: `the fake host has no answer for ${name}` });
      }
      try {
        const value = await (handler as (...a: unknown[]) => unknown)(...copied);
        return ok(structuredClone(value ?? null)) as Result<unknown>;
      } catch (error) {
        if (error instanceof Refused) return fail(error.shape);
        this.problems.push(`${name}'s answer threw: ${(error as Error).stack ?? String(error)}`);
        return fail({ code: 'internal', message: `${name} failed unexpectedly` });
      }
    },
    on: (name, listener) => {
      let set = this.#listeners.get(name);
      if (!set) this.#listeners.set(name, (set = new Set()));
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };

  /** The same transport shaped as the preload's `window.latchkey`. */
  preloadApi(): PreloadApi {
    const api: Record<string, unknown> = {
      on: (name: EventName, listener: (payload: Events[EventName]) => void) =>
        this.transport.on(name, listener),
    };
    for (const name of METHOD_NAMES) api[name] = (...args: unknown[]) => this.transport.call(name, args);
    return api as PreloadApi;
  }
}

/** The one fake host of a test file; setup.ts installs it before any renderer module loads. */
export const fakeHost = new FakeHost();
