/**
 * How the vault key is protected at rest. The vault encrypts entries with a random key; a protector wraps
 * that key: Electron's safeStorage (the OS keychain) on the desktop, a key file in web mode and plain Node.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SingleFlight } from '../async.ts';
import { moveAside, writeFileAtomic } from '../services/storage/atomic-file.ts';
import { NOFOLLOW, readTrustedFile } from '../services/storage/trusted-path.ts';
import { TAG_BYTES } from './vault-crypto.ts';

/**
 * - `os-keychain`: macOS Keychain, Windows DPAPI, Linux Secret Service / KWallet.
 * - `key-file`: a key file beside the data (web mode): protects against other users, not against anyone
 *   who can read this user's files.
 * - `weak`: Electron's basic_text on Linux (a hard-coded key) — no better than clear text.
 */
export type ProtectionLevel = 'os-keychain' | 'key-file' | 'weak';

export interface KeyProtector {
  /** Name recorded in the vault, e.g. "keychain", "dpapi", "gnome_libsecret", "basic_text", "key-file". */
  readonly backend: string;
  readonly level: ProtectionLevel;
  /** False when nothing can protect a key right now (no keychain at all). */
  available(): Promise<boolean>;
  protect(key: Buffer): Promise<Buffer>;
  unprotect(blob: Buffer): Promise<Buffer>;
  /** Destroys whatever this protector keeps of its own (a key file), for "forget all". */
  forget?(): Promise<void>;
  /**
   * Replay resistance: the latest vault generation, kept with the key (not in vault.json), so a vault.json
   * older than the last one written (a copy put back after a sign-out) is refused. 0 when none is recorded.
   * A protector without these keeps no generation, and the vault then checks only its own file.
   */
  generation?(): Promise<number>;
  recordGeneration?(generation: number): Promise<void>;
}

const KEY_BYTES = 32;
/** vault.key: the 32-byte key, then (since replay resistance) the latest vault generation, 8 bytes big-endian. */
const FILE_BYTES = KEY_BYTES + 8;

interface KeyRecord {
  key: Buffer;
  generation: number;
}

/** Web mode and plain Node: wraps the vault key with AES-256-GCM under a random key kept in `vault.key` (0600). */
export class KeyFileProtector implements KeyProtector {
  readonly backend = 'key-file';
  readonly level = 'key-file' as const;
  readonly #file: string;
  /** Loaded (or made) once, shared by concurrent callers; a failed load is tried again next time. */
  readonly #record = new SingleFlight(() => this.#loadOrCreate(), { keep: true });
  /** The record as last written by this process (a generation recorded, a key rotated). */
  #latest: KeyRecord | null = null;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'vault.key');
  }

  async available(): Promise<boolean> {
    return true;
  }

  async #current(): Promise<KeyRecord> {
    return this.#latest ?? (await this.#record.run());
  }

  async #load(): Promise<Buffer> {
    return (await this.#current()).key;
  }

  async generation(): Promise<number> {
    return (await this.#current()).generation;
  }

  async recordGeneration(generation: number): Promise<void> {
    const { key } = await this.#current();
    await this.#write({ key, generation });
  }

  #write(record: KeyRecord): Promise<void> {
    const bytes = Buffer.alloc(FILE_BYTES);
    record.key.copy(bytes);
    bytes.writeBigUInt64BE(BigInt(record.generation), KEY_BYTES);
    return writeFileAtomic(this.#file, bytes).then(() => void (this.#latest = record));
  }

  async #loadOrCreate(): Promise<KeyRecord> {
    const existing = await readTrustedFile(this.#file);
    // A 32-byte file is from before generations were kept: generation 0.
    if (existing?.length === KEY_BYTES) return { key: existing, generation: 0 };
    if (existing?.length === FILE_BYTES)
      return {
        key: existing.subarray(0, KEY_BYTES),
        generation: Number(existing.readBigUInt64BE(KEY_BYTES)),
      };
    if (existing) {
      // A damaged key file never heals by itself: keep it aside for the user and start a new key. What the
      // old key protected is then unreadable, which the vault reports once.
      await moveAside(this.#file, 'corrupt', new Date());
    }
    const key = randomBytes(32);
    // O_EXCL: if another process created it meanwhile, use theirs rather than overwrite it.
    try {
      const handle = await open(
        this.#file,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW,
        0o600,
      );
      try {
        await handle.writeFile(key);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { key, generation: 0 };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const theirs = await readTrustedFile(this.#file);
      if (theirs?.length !== KEY_BYTES) throw error;
      return { key: theirs, generation: 0 };
    }
  }

  /**
   * Forget all destroys the key file: a copy of vault.json made before can no longer be decrypted (the next
   * key is a new random one), so nothing on disk can decrypt a token any more.
   */
  async forget(): Promise<void> {
    this.#record.reset();
    this.#latest = null;
    await unlink(this.#file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async protect(key: Buffer): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.#load(), iv);
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async unprotect(blob: Buffer): Promise<Buffer> {
    if (blob.length < 12 + TAG_BYTES) throw new Error('the wrapped key is too short');
    const decipher = createDecipheriv('aes-256-gcm', await this.#load(), blob.subarray(0, 12), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(blob.subarray(12, 12 + TAG_BYTES));
    return Buffer.concat([decipher.update(blob.subarray(12 + TAG_BYTES)), decipher.final()]);
  }
}
