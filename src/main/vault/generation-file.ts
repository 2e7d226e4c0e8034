/**
 * The latest vault generation for a key store that keeps no file of its own (Electron's safeStorage: the OS
 * keychain encrypts, but holds nothing for us): `vault.generation` beside the vault, mode 0600, replaced
 * atomically. It makes a vault.json put back on its own (an older copy) refusable; someone who puts back
 * both files at once is outside what it can tell.
 */
import path from 'node:path';
import { writeFileAtomic } from '../services/storage/atomic-file.ts';
import { readTrustedFileSync } from '../services/storage/trusted-path.ts';

export class GenerationFile {
  readonly file: string;
  #cached: number | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'vault.generation');
  }

  /** The recorded generation; 0 when none is (or the file is damaged: the vault's own check still holds). */
  read(): number {
    if (this.#cached !== null) return this.#cached;
    const text = readTrustedFileSync(this.file)?.toString('utf8') ?? '';
    const n = /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : 0;
    return (this.#cached = n);
  }

  async write(generation: number): Promise<void> {
    await writeFileAtomic(this.file, `${generation}\n`);
    this.#cached = generation;
  }
}
