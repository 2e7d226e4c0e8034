/**
 * oidc-provider's storage for the demo: in memory, with expiry, and (for the app's own demo provider) saved
 * after every change, so grants and refresh tokens survive a restart. Tests' providers keep nothing.
 *
 * An opaque token's id is the token itself (oidc-provider's `jti`). Tokens and codes are therefore kept
 * under the SHA-256 of their id, without the `jti` in their payload: what is in memory or in state.json
 * cannot be used as a token. A lookup brings the value, so the payload is whole again when it is found.
 * Sessions, interactions and device codes are found by another field (`uid`, `userCode`), which could not
 * give the id back, so they keep theirs (they are short-lived, and a session is only a browser cookie).
 */
import { createHash } from 'node:crypto';
import type { Adapter, AdapterPayload } from 'oidc-provider';

type Entry = { payload: AdapterPayload; expiresAt: number | null; hashed?: true };

/** The models whose ids are bearer tokens or codes: kept hashed. */
export const HASHED_MODELS: ReadonlySet<string> = new Set([
  'AccessToken',
  'RefreshToken',
  'AuthorizationCode',
  'ClientCredentials',
  'RegistrationAccessToken',
  'InitialAccessToken',
  'BackchannelAuthenticationRequest',
  'PushedAuthorizationRequest',
]);

export const hashTokenId = (id: string): string => createHash('sha256').update(id).digest('base64url');

/** An entry saved before ids were hashed (or one written by hand): hashed now, its `jti` dropped. */
function hashedEntry(id: string, entry: Entry): [string, Entry] {
  if (entry.hashed) return [id, entry];
  const { jti: _jti, ...payload } = entry.payload;
  return [hashTokenId(id), { payload: payload as AdapterPayload, expiresAt: entry.expiresAt, hashed: true }];
}

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
    const loaded = Object.entries(entries);
    const store = new Map(HASHED_MODELS.has(name) ? loaded.map(([id, e]) => hashedEntry(id, e)) : loaded);
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
    readonly #hashed: boolean;

    constructor(name: string) {
      this.#name = name;
      let store = stores.get(name);
      if (!store) stores.set(name, (store = new Map()));
      this.#store = store;
      this.#hashed = HASHED_MODELS.has(name);
    }

    /** Where an id is kept: its hash for tokens and codes. */
    #at(id: string): string {
      return this.#hashed ? hashTokenId(id) : id;
    }

    #key(id: string): string {
      return `${this.#name}:${this.#at(id)}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
      if (this.#hashed) {
        const { jti: _jti, ...rest } = payload;
        this.#store.set(this.#at(id), { payload: rest as AdapterPayload, expiresAt, hashed: true });
      } else this.#store.set(id, { payload, expiresAt });
      if (payload.grantId) {
        let set = grants.get(payload.grantId);
        if (!set) grants.set(payload.grantId, (set = new Set()));
        set.add(this.#key(id));
      }
      await saved();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const at = this.#at(id);
      const entry = this.#store.get(at);
      if (!entry) return undefined;
      if (entry.expiresAt !== null && entry.expiresAt < Date.now()) {
        this.#store.delete(at);
        return undefined;
      }
      // The caller brought the token: its payload is whole again, as oidc-provider wrote it.
      return this.#hashed ? { ...entry.payload, jti: id } : entry.payload;
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
      const entry = this.#store.get(this.#at(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      await saved();
    }

    async destroy(id: string): Promise<void> {
      this.#store.delete(this.#at(id));
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
