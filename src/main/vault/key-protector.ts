/**
 * How the vault key is protected at rest. The vault encrypts entries with a random key; a protector wraps
 * that key: Electron's safeStorage (the OS keychain) on the desktop, a key file in web mode and plain Node.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HostError } from '../../shared/errors.ts';

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
}

/** Web mode and plain Node: wraps the vault key with AES-256-GCM under a random key kept in `vault.key` (0600). */
export class KeyFileProtector implements KeyProtector {
  readonly backend = 'key-file';
  readonly level = 'key-file' as const;
  readonly #file: string;
  #key: Promise<Buffer> | null = null;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, 'vault.key');
  }

  async available(): Promise<boolean> {
    return true;
  }

  #load(): Promise<Buffer> {
    this.#key ??= (async () => {
      try {
        const key = await readFile(this.#file);
        if (key.length === 32) return key;
        throw new HostError('corrupt_store', `${this.#file} is not a 32-byte key`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      const key = randomBytes(32);
      // 'wx': if another process created it meanwhile, use theirs rather than overwrite it.
      try {
        const handle = await open(this.#file, 'wx', 0o600);
        await handle.writeFile(key);
        await handle.sync();
        await handle.close();
        return key;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(this.#file);
        throw error;
      }
    })();
    this.#key.catch(() => (this.#key = null));
    return this.#key;
  }

  async protect(key: Buffer): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.#load(), iv);
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  async unprotect(blob: Buffer): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', await this.#load(), blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
  }
}
