/**
 * How the vault key is protected at rest. The vault encrypts entries with a random key; a protector wraps
 * that key: Electron's safeStorage (the OS keychain) on the desktop, a key file in web mode and plain Node.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { SingleFlight } from '../async.ts';
import { moveAside } from '../services/storage/atomic-file.ts';
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
}

/** Web mode and plain Node: wraps the vault key with AES-256-GCM under a random key kept in `vault.key` (0600). */
export class KeyFileProtector implements KeyProtector {
  readonly backend = 'key-file';
  readonly level = 'key-file' as const;
  readonly #file: string;
  /** Loaded (or made) once, shared by concurrent callers; a failed load is tried again next time. */
  readonly #key = new SingleFlight(() => this.#loadOrCreate(), { keep: true });

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'vault.key');
  }

  async available(): Promise<boolean> {
    return true;
  }

  #load(): Promise<Buffer> {
    return this.#key.run();
  }

  async #loadOrCreate(): Promise<Buffer> {
    const existing = await readTrustedFile(this.#file);
    if (existing?.length === 32) return existing;
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
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const theirs = await readTrustedFile(this.#file);
      if (theirs?.length !== 32) throw error;
      return theirs;
    }
  }

  async forget(): Promise<void> {
    this.#key.reset();
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
