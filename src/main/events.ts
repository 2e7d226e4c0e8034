import type { EventName, Events } from '../shared/contract.ts';

export type EventTarget = { clientId: string } | 'all';
export type EventSink = <E extends EventName>(name: E, payload: Events[E], target: EventTarget) => void;

/** Fan-out of host events to whichever transports are attached (IPC windows, web-mode SSE streams). */
export class HostEvents {
  readonly #sinks = new Set<EventSink>();

  attach(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  emit<E extends EventName>(name: E, payload: Events[E], target: EventTarget = 'all'): void {
    for (const sink of this.#sinks) sink(name, payload, target);
  }
}
