/**
 * The OS keychain through Electron's safeStorage: Keychain on macOS, DPAPI on Windows, Secret Service or
 * KWallet on Linux. On Linux safeStorage falls back to "basic_text" (a hard-coded key) when no keyring is
 * running; that is reported as weak so the vault refuses it unless the user opts in.
 */
import { safeStorage } from 'electron';
import { GenerationFile } from '../vault/generation-file.ts';
import type { KeyProtector, ProtectionLevel } from '../vault/key-protector.ts';

export function protectionLevelOf(backend: string): ProtectionLevel {
  return backend === 'basic_text' || backend === 'unknown' ? 'weak' : 'os-keychain';
}

export class SafeStorageProtector implements KeyProtector {
  /** Replay resistance: the latest vault generation, beside the vault (the keychain holds nothing for us). */
  readonly #generations: GenerationFile | null;

  constructor(dataDir?: string) {
    this.#generations = dataDir === undefined ? null : new GenerationFile(dataDir);
  }

  async generation(): Promise<number> {
    return this.#generations?.read() ?? 0;
  }

  async recordGeneration(generation: number): Promise<void> {
    await this.#generations?.write(generation);
  }

  get backend(): string {
    if (process.platform === 'darwin') return 'keychain';
    if (process.platform === 'win32') return 'dpapi';
    return safeStorage.getSelectedStorageBackend();
  }

  get level(): ProtectionLevel {
    return protectionLevelOf(this.backend);
  }

  // The asynchronous calls (Electron 45's, the synchronous ones are deprecated) never block the main
  // process while a keyring unlocks or prompts. Blobs written by the old synchronous call read back the same.
  available(): Promise<boolean> {
    return safeStorage.isAsyncEncryptionAvailable();
  }

  protect(key: Buffer): Promise<Buffer> {
    return safeStorage.encryptStringAsync(key.toString('base64'));
  }

  async unprotect(blob: Buffer): Promise<Buffer> {
    const { result } = await safeStorage.decryptStringAsync(blob);
    return Buffer.from(result, 'base64');
  }
}
