/**
 * The token vault: remembered sign-ins, encrypted at rest.
 *
 * vault.json (mode 0600, replaced atomically) holds only ciphertext: a random 256-bit vault key wrapped by
 * the key protector (OS keychain via Electron safeStorage, or a key file in web mode), and one AES-256-GCM
 * entry per provider, bound to the provider id. Opening the file never touches the keychain; `load()` does,
 * and the Electron entry calls it only after the first window is shown.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { UserGroup, UserProfile, VaultNoteInfo } from '../../shared/auth-types.ts';
import { rememberedGroups } from '../auth/profile-claims.ts';
import { HostError } from '../../shared/errors.ts';
import type { TokenSet } from '../auth/providers/types.ts';
import type { Logger } from '../../shared/logger.ts';
import { Sequencer } from '../async.ts';
import { acquireLock } from '../services/storage/dir-lock.ts';
import { moveAside, removeLeftovers, writeFileAtomic } from '../services/storage/atomic-file.ts';
import { ensurePrivateDir, readTrustedFileSync } from '../services/storage/trusted-path.ts';
import { CappedNotes } from './capped-notes.ts';
import type { KeyProtector } from './key-protector.ts';
import { capProfile } from './profile-caps.ts';
import { open as openEntry, seal, type SealedEntry } from './vault-crypto.ts';

export interface RememberedSession {
  providerId: string;
  /** Which of the provider's accounts (account-id.ts); absent in entries saved before several accounts. */
  accountId?: string | undefined;
  /** When the account last became the provider's active one (epoch ms): the latest is active at restore. */
  activeAt?: number | undefined;
  /** The provider as configured when the session was saved; a different configuration drops the entry. */
  binding: string;
  tokens: TokenSet;
  user: UserProfile | null;
  groups: UserGroup[] | null;
  signedInAt: number;
  fetchUser: boolean;
  fetchGroups: boolean;
}

export interface VaultStatus {
  file: string;
  backend: string;
  level: KeyProtector['level'];
  available: boolean;
  allowWeakProtection: boolean;
  /** Whether a new "remember me" can be honoured now, and if not, why. */
  canRemember: boolean;
  whyNot: string | null;
  /** The providers with remembered sign-ins, once each. */
  remembered: string[];
  /** How many sign-ins are remembered (a provider may have several accounts). */
  rememberedSessions: number;
  notes: VaultNoteInfo[];
  /** Notes left out past the first MAX_VAULT_NOTES (capped-notes.ts). */
  notesOmitted: number;
}

/** The app settings' view of the one vault choice they keep. */
export interface VaultPreferences {
  allowWeakProtection(): boolean | undefined;
  saveAllowWeakProtection(allow: boolean): void;
}

interface VaultFile {
  format: 'latchkey-vault';
  version: 1;
  backend: string;
  key: string | null;
  settings: { allowWeakProtection: boolean };
  entries: Record<string, SealedEntry>;
  /** Replay resistance; absent in files written before it (read as generation 0). */
  integrity?: VaultIntegrity;
}

/**
 * The file's generation, one more at every write. Every entry is sealed with it in its authenticated data
 * (vault-crypto.ts), so it cannot be edited (every entry would fail to open) and an entry copied from
 * another copy of the file fails on its own (dropped, the others restore). The latest generation is also
 * kept with the key (KeyProtector.generation), so a whole older file is refused. No extra primitive on the
 * restore path: the check is the AES-GCM open that restore does anyway.
 */
interface VaultIntegrity {
  generation: number;
}

const isIntegrity = (v: unknown): v is VaultIntegrity =>
  isObject(v) && Number.isSafeInteger(v.generation) && (v.generation as number) >= 0;

/** The authenticated context entries of `data` are sealed with ('' for a file from before generations). */
const contextOf = (data: VaultFile): string =>
  data.integrity === undefined ? '' : `generation ${data.integrity.generation}`;

// Hand-written checks rather than zod: this is the restore path, which must stay cheap on a cold start.
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isSealed = (v: unknown): v is SealedEntry =>
  isObject(v) && isString(v.iv) && isString(v.tag) && isString(v.data);

function asVaultFile(v: unknown): VaultFile | null {
  if (!isObject(v) || v.format !== 'latchkey-vault' || v.version !== 1 || !isString(v.backend)) return null;
  if (
    !(v.key === null || isString(v.key)) ||
    !isObject(v.settings) ||
    typeof v.settings.allowWeakProtection !== 'boolean'
  )
    return null;
  if (!isObject(v.entries) || !Object.values(v.entries).every(isSealed)) return null;
  if (!(v.integrity === undefined || isIntegrity(v.integrity))) return null;
  return v as unknown as VaultFile;
}

/** The vault entry an account's session is kept under: the provider id, then `/` and the account id. */
export const entryIdOf = (s: Pick<RememberedSession, 'providerId' | 'accountId'>): string =>
  s.accountId === undefined ? s.providerId : `${s.providerId}/${s.accountId}`;

/** The provider an entry id belongs to. */
const providerOfEntry = (id: string): string => id.split('/', 1)[0]!;

function asRecord(v: unknown): RememberedSession | null {
  if (!isObject(v) || !isString(v.providerId) || !isString(v.binding) || typeof v.signedInAt !== 'number')
    return null;
  if (!(v.accountId === undefined || isString(v.accountId))) return null;
  if (!(v.activeAt === undefined || typeof v.activeAt === 'number')) return null;
  const t = v.tokens;
  if (
    !isObject(t) ||
    !isString(t.accessToken) ||
    !isString(t.tokenType) ||
    typeof t.issuedAt !== 'number' ||
    !Array.isArray(t.scopes)
  )
    return null;
  if (
    !(t.refreshToken === undefined || isString(t.refreshToken)) ||
    !(t.expiresAt === undefined || typeof t.expiresAt === 'number')
  )
    return null;
  if (!(v.user === null || (isObject(v.user) && isString(v.user.id)))) return null;
  // Entries written before groups had fields hold plain strings: still read, as groups named by them.
  const groups = rememberedGroups(v.groups);
  if (groups === undefined) return null;
  if (typeof v.fetchUser !== 'boolean' || typeof v.fetchGroups !== 'boolean') return null;
  return { ...(v as unknown as RememberedSession), groups };
}

/** How soon after opening the leftovers of interrupted writes are removed (ms): after the restore on launch. */
const TIDY_DELAY_MS = 1000;

const emptyFile = (backend: string): VaultFile => ({
  format: 'latchkey-vault',
  version: 1,
  backend,
  key: null,
  settings: { allowWeakProtection: false },
  entries: {},
});

export class TokenVault {
  readonly file: string;
  readonly #protector: KeyProtector;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #notes = new CappedNotes();
  /** The generation of the file as last read or written (authenticated once `load()` has checked it). */
  #generation = 0;
  #data: VaultFile;
  #key: Buffer | null = null;
  #available = true;
  /** Made at the first write: the restore at launch only reads. */
  #writes: Sequencer | null = null;
  /** The leftovers' removal, due soon after open (TIDY_DELAY_MS); null once done. */
  #tidyLater: ReturnType<typeof setTimeout> | null = null;
  /** Removes the leftovers of interrupted writes, once (removeLeftovers). */
  readonly #tidy = (): void => {
    if (this.#tidyLater === null) return;
    clearTimeout(this.#tidyLater);
    this.#tidyLater = null;
    removeLeftovers(this.file);
  };
  /** Every operation runs whole, one at a time: two first saves must not each start from the empty file. */
  readonly #operations = new Sequencer();
  #unlock: () => Promise<void> = async () => {};
  #preferences: VaultPreferences | null = null;

  private constructor(file: string, protector: KeyProtector, log: Logger, now: () => Date) {
    this.file = file;
    this.#protector = protector;
    this.#log = log;
    this.#now = now;
    this.#data = emptyFile(protector.backend);
  }

  /** Reads the file (no keychain call). A damaged file is moved aside and the vault starts empty. */
  static async open(options: {
    dir: string;
    protector: KeyProtector;
    log?: Logger;
    now?: () => Date;
    /**
     * Where the "allow weaker protection" choice is kept (the app's settings). It wins over the copy in
     * vault.json, which stays only because the file format has the field.
     */
    preferences?: VaultPreferences;
  }): Promise<TokenVault> {
    ensurePrivateDir(options.dir);
    const vault = new TokenVault(
      path.join(options.dir, 'vault.json'),
      options.protector,
      options.log ?? console,
      options.now ?? (() => new Date()),
    );
    vault.#unlock = await acquireLock(`${vault.file}.lock`, vault.#log);
    // A few kilobytes, read synchronously: cheaper than a thread-pool round trip on the restore path.
    let text: string | null;
    try {
      text = readTrustedFileSync(vault.file)?.toString('utf8') ?? null;
    } catch (error) {
      // A link, a foreign or an open file: refused, and the lock let go.
      await vault.#unlock();
      throw error;
    }
    if (text !== null) {
      let parsed: VaultFile | null;
      try {
        parsed = asVaultFile(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (parsed) {
        vault.#data = parsed;
        vault.#generation = parsed.integrity?.generation ?? 0;
      } else await vault.#setAside('the remembered sign-ins file is damaged (not a Latchkey vault)');
    }
    vault.#preferences = options.preferences ?? null;
    const preferred = vault.#preferences?.allowWeakProtection();
    if (preferred !== undefined) vault.#data.settings.allowWeakProtection = preferred;
    // Temporary files of interrupted writes hold (encrypted) tokens: never leave them lying around. Removed
    // soon, off the restore path, and always before this process's first write (which would count its own).
    vault.#tidyLater = setTimeout(vault.#tidy, TIDY_DELAY_MS);
    vault.#tidyLater.unref();
    return vault;
  }

  async #setAside(reason: string, label = 'unreadable'): Promise<void> {
    const movedTo = await moveAside(this.file, label, this.#now()).catch(() => undefined);
    this.#notes.push({ reason, movedTo, at: this.#now().toISOString() });
    this.#log.warn(
      `latchkey: vault: ${reason}${movedTo ? `; moved aside to ${path.basename(movedTo)}` : ''}`,
    );
    const allowWeak = this.#data.settings.allowWeakProtection;
    this.#data = emptyFile(this.#protector.backend);
    this.#data.settings.allowWeakProtection = allowWeak;
    this.#key = null;
  }

  status(): VaultStatus {
    const why = this.#whyNot();
    return {
      file: this.file,
      backend: this.#protector.backend,
      level: this.#protector.level,
      available: this.#available,
      allowWeakProtection: this.#data.settings.allowWeakProtection,
      canRemember: why === null,
      whyNot: why,
      remembered: [...new Set(Object.keys(this.#data.entries).map(providerOfEntry))],
      rememberedSessions: Object.keys(this.#data.entries).length,
      notes: [...this.#notes],
      notesOmitted: this.#notes.omitted,
    };
  }

  #whyNot(): string | null {
    if (!this.#available) return 'no OS keychain is available, so sign-ins cannot be kept safely';
    if (this.#protector.level === 'weak' && !this.#data.settings.allowWeakProtection) {
      return `only the "${this.#protector.backend}" key store is available, which does not really protect secrets (install and unlock a keyring such as GNOME Keyring or KWallet, or allow weaker protection)`;
    }
    return null;
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    return this.#operations.run(operation);
  }

  /** Unwraps the key (the keychain call) and decrypts every entry. Unreadable entries are dropped with a note. */
  load(): Promise<RememberedSession[]> {
    return this.#serial(() => this.#load());
  }

  async #load(): Promise<RememberedSession[]> {
    this.#available = await this.#protector.available().catch(() => false);
    const ids = Object.keys(this.#data.entries);
    if (ids.length === 0 || this.#data.key === null) return [];
    if (this.#data.backend !== this.#protector.backend) {
      await this.#setAside(
        `the key store changed from "${this.#data.backend}" to "${this.#protector.backend}"; remembered sign-ins cannot be read`,
      );
      await this.#persist();
      return [];
    }
    if (!this.#available) {
      // Keep the file: the keychain may be back next time.
      this.#notes.push({
        reason: 'the OS keychain is not available; remembered sign-ins are kept but cannot be read now',
        at: this.#now().toISOString(),
      });
      return [];
    }
    try {
      this.#key = await this.#protector.unprotect(Buffer.from(this.#data.key, 'base64'));
      if (this.#key.length !== 32) throw new Error('wrong key length');
    } catch {
      await this.#setAside(
        'the key that protects remembered sign-ins could not be unlocked (wrong or changed key)',
      );
      await this.#persist();
      return [];
    }
    const replayed = await this.#replayProblem();
    if (replayed !== null) {
      this.#key = null;
      await this.#setAside(replayed, 'older');
      await this.#persist();
      return [];
    }
    const sessions: RememberedSession[] = [];
    let dropped = 0;
    for (const id of ids) {
      try {
        const record = asRecord(JSON.parse(this.#openAttested(this.#key, id)));
        if (!record || entryIdOf(record) !== id)
          throw new Error('not a remembered session for this provider');
        sessions.push(record);
      } catch {
        delete this.#data.entries[id];
        dropped++;
        this.#notes.push({
          reason: `the remembered sign-in for "${id}" could not be decrypted and was dropped`,
          at: this.#now().toISOString(),
        });
      }
    }
    if (dropped > 0) await this.#persist();
    return sessions;
  }

  save(session: RememberedSession): Promise<void> {
    return this.#serial(() => this.#save(session));
  }

  async #save(given: RememberedSession): Promise<void> {
    // Capped before anything is sealed: a 50 MB name never reaches vault.json.
    const session: RememberedSession = { ...given, user: capProfile(given.user) };
    const why = this.#whyNot();
    if (why) throw new HostError('unavailable', `not remembered: ${why}`);
    if (!this.#key && this.#data.key !== null && Object.keys(this.#data.entries).length > 0) {
      // Entries exist under a key not unlocked yet: unlock it rather than orphan them.
      await this.#load();
    }
    let key = this.#key;
    let wrapped: string | null = null;
    if (!key) {
      key = randomBytes(32);
      wrapped = (await this.#protector.protect(key)).toString('base64');
    }
    const id = entryIdOf(session);
    const sealed = seal(key, id, JSON.stringify(session));
    await this.#change((d) => {
      if (wrapped !== null) {
        d.key = wrapped;
        d.backend = this.#protector.backend;
        d.entries = {};
      }
      d.entries[id] = sealed;
    }, key);
    this.#key = key;
  }

  /** Removes one entry, by its id (entryIdOf). */
  remove(entryId: string): Promise<void> {
    return this.#serial(async () => {
      if (!Object.hasOwn(this.#data.entries, entryId)) return;
      await this.#change((d) => void delete d.entries[entryId]);
    });
  }

  /**
   * Forget all: the entries, the wrapped key, the protector's own key file and every temporary file, so
   * nothing that could decrypt a token is left on disk.
   */
  clear(): Promise<void> {
    return this.#serial(async () => {
      await this.#change((d) => {
        d.entries = {};
        d.key = null;
      });
      this.#key = null;
      await this.#protector.forget?.();
      removeLeftovers(this.file);
    });
  }

  setAllowWeakProtection(allow: boolean): Promise<void> {
    return this.#serial(() => this.#setAllowWeakProtection(allow));
  }

  async #setAllowWeakProtection(allow: boolean): Promise<void> {
    const wipe = !allow && this.#protector.level === 'weak';
    await this.#change((d) => {
      d.settings.allowWeakProtection = allow;
      if (wipe) {
        d.entries = {};
        d.key = null;
      }
    });
    this.#preferences?.saveAllowWeakProtection(allow);
    if (wipe) this.#key = null;
  }

  /**
   * A change is made to a copy, written, and only then becomes the vault's state: a write that fails (a full
   * disk) leaves memory as it was, as well as the file.
   */
  async #change(mutate: (draft: VaultFile) => void, key: Buffer | null = this.#key): Promise<void> {
    if (key === null && this.#data.key !== null && Object.keys(this.#data.entries).length > 0) {
      // Entries under a key not unlocked yet (a removal before restore): load first, which checks them, so
      // what is sealed again for the next generation is only what belongs to this file.
      await this.#load();
      key = this.#key;
    }
    const draft = structuredClone(this.#data);
    mutate(draft);
    await this.#persist(draft, key);
    this.#data = draft;
  }

  /** Decrypts an entry of this file: one sealed for another copy (or generation) does not open. */
  #openAttested(key: Buffer, id: string): string {
    return openEntry(key, id, this.#data.entries[id] as SealedEntry, contextOf(this.#data));
  }

  /**
   * Replay resistance, checked once the key is unlocked: the file's generation must be at least the one kept
   * with the key (a file from before generations were kept reads as 0). Each entry's own check is its
   * decryption (#openAttested).
   */
  async #replayProblem(): Promise<string | null> {
    const fileGeneration = this.#data.integrity?.generation ?? 0;
    const stored = this.#protector.generation ? await this.#protector.generation() : null;
    if (stored !== null && fileGeneration < stored)
      return `the remembered sign-ins file is older than the last one saved on this computer (generation ${fileGeneration}, last saved ${stored}): a copy was put back, so its sign-ins are not used`;
    this.#generation = Math.max(fileGeneration, stored ?? 0);
    return null;
  }

  /**
   * Writes are serialised; each resolves once its content is durable. Each write is one generation newer
   * than the last, recorded with the key once the file is on disk: a crash between the two leaves a file
   * newer than the record, which is accepted (only an older one is refused).
   */
  async #persist(data: VaultFile = this.#data, key: Buffer | null = this.#key): Promise<void> {
    this.#writes ??= new Sequencer();
    await this.#writes.run(async () => {
      this.#tidy();
      // A key store that cannot be read now (its file refused) must not stop the write: the file's own
      // generation still grows, and a file newer than the record is accepted.
      const stored = (await this.#protector.generation?.().catch(() => 0)) ?? 0;
      const generation = Math.max(this.#generation, stored) + 1;
      // Every entry is sealed again for the new generation. In memory they were checked at load or sealed
      // now (with no context), so each opens under the file's context or under none.
      const from = contextOf(data);
      const to = `generation ${generation}`;
      if (key !== null) {
        for (const [id, entry] of Object.entries(data.entries)) {
          let plain: string;
          try {
            plain = openEntry(key, id, entry, from);
          } catch {
            plain = openEntry(key, id, entry, '');
          }
          data.entries[id] = seal(key, id, plain, to);
        }
      }
      data.integrity = { generation };
      await writeFileAtomic(this.file, JSON.stringify(data));
      this.#generation = generation;
      await this.#protector.recordGeneration?.(generation).catch((error: Error) => {
        this.#log.warn(`latchkey: vault: could not record generation ${generation}: ${error.message}`);
      });
    });
  }

  async close(): Promise<void> {
    await this.#operations.idle();
    await this.#writes?.idle();
    this.#tidy();
    await this.#unlock();
  }
}
