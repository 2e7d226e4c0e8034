/**
 * oidc-provider's storage for the demo: in memory, with expiry, and (for the app's own demo provider) saved
 * after every change, so grants and refresh tokens survive a restart. Tests' providers keep nothing.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

type Entry = { payload: AdapterPayload; expiresAt: number | null };

export interface AdapterPersistence {
  initial: Record<string, Record<string, Entry>>;
  /** Called after each change with everything; resolves once saved. */
  save(stores: Record<string, Record<string, Entry>>): Promise<void>;
}

/** A fresh adapter class per provider instance, so two demo providers in one process share nothing. */
export function memoryAdapter(persistence?: AdapterPersistence): new (name: string) => Adapter {
  const stores = new Map<string, Map<string, Entry>>();
  const grants = new Map<string, Set<string>>();
  for (const [name, entries] of Object.entries(persistence?.initial ?? {})) {
    const store = new Map(Object.entries(entries));
    stores.set(name, store);
    for (const [id, entry] of store) {
      const grantId = entry.payload.grantId;
      if (typeof grantId !== 'string') continue;
      if (!grants.has(grantId)) grants.set(grantId, new Set());
      grants.get(grantId)!.add(`${name}:${id}`);
    }
  }
  const saved = async () => {
    if (!persistence) return;
    const all: Record<string, Record<string, Entry>> = {};
    for (const [name, store] of stores) all[name] = Object.fromEntries(store);
    await persistence.save(all);
  };

  return class MemoryAdapter implements Adapter {
    readonly #name: string;
    readonly #store: Map<string, Entry>;

    constructor(name: string) {
      this.#name = name;
      let store = stores.get(name);
      if (!store) stores.set(name, (store = new Map()));
      this.#store = store;
    }

    #key(id: string): string {
      return `${this.#name}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      this.#store.set(id, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null });
      if (payload.grantId) {
        let set = grants.get(payload.grantId);
        if (!set) grants.set(payload.grantId, (set = new Set()));
        set.add(this.#key(id));
      }
      await saved();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const entry = this.#store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt !== null && entry.expiresAt < Date.now()) {
        this.#store.delete(id);
        return undefined;
      }
      return entry.payload;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.#store) if (entry.payload.userCode === userCode) return this.find(id);
      return undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.#store) if (entry.payload.uid === uid) return this.find(id);
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = this.#store.get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      await saved();
    }

    async destroy(id: string): Promise<void> {
      this.#store.delete(id);
      await saved();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) {
        const at = key.indexOf(':');
        stores.get(key.slice(0, at))?.delete(key.slice(at + 1));
      }
      grants.delete(grantId);
      await saved();
    }
  };
}
