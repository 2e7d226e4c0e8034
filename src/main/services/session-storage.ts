/**
 * Session storage (Flet's `page.session`): a key/value store per window or page load that lives only as long
 * as it does. Values are kept as JSON text so a caller can never mutate a stored value through a reference.
 */
import type { JsonValue } from '../../shared/json.ts';

export class SessionStorage {
  readonly #stores = new Map<string, Map<string, string>>();

  #store(clientId: string): Map<string, string> {
    let store = this.#stores.get(clientId);
    if (!store) {
      store = new Map();
      this.#stores.set(clientId, store);
    }
    return store;
  }

  set(clientId: string, key: string, value: JsonValue): void {
    this.#store(clientId).set(key, JSON.stringify(value));
  }

  get(clientId: string, key: string): JsonValue | null {
    const text = this.#stores.get(clientId)?.get(key);
    return text === undefined ? null : (JSON.parse(text) as JsonValue);
  }

  containsKey(clientId: string, key: string): boolean {
    return this.#stores.get(clientId)?.has(key) ?? false;
  }

  remove(clientId: string, key: string): boolean {
    return this.#stores.get(clientId)?.delete(key) ?? false;
  }

  getKeys(clientId: string): string[] {
    return [...(this.#stores.get(clientId)?.keys() ?? [])];
  }

  entries(clientId: string): Array<[string, JsonValue]> {
    return [...(this.#stores.get(clientId) ?? [])].map(([k, v]) => [k, JSON.parse(v) as JsonValue]);
  }

  clear(clientId: string): void {
    this.#stores.get(clientId)?.clear();
  }

  /** The window was re-created (a new frame or transparency): its session goes on under the new id. */
  move(from: string, to: string): void {
    const store = this.#stores.get(from);
    this.#stores.delete(from);
    if (store) this.#stores.set(to, store);
  }

  /** The window closed or the page went away: its session goes with it. */
  drop(clientId: string): void {
    this.#stores.delete(clientId);
  }
}
