/**
 * The vault's notes, at most MAX_VAULT_NOTES of them: 200,000 junk entries must not become 200,000 notes
 * in one answer. The first ones are kept (they say what went wrong first); the rest are only counted.
 */
import type { VaultNoteInfo } from '../../shared/auth-types.ts';

export const MAX_VAULT_NOTES = 20;

export class CappedNotes implements Iterable<VaultNoteInfo> {
  readonly #notes: VaultNoteInfo[] = [];
  #omitted = 0;

  push(note: VaultNoteInfo): void {
    if (this.#notes.length < MAX_VAULT_NOTES) this.#notes.push(note);
    else this.#omitted++;
  }

  /** How many notes were left out past the cap. */
  get omitted(): number {
    return this.#omitted;
  }

  [Symbol.iterator](): Iterator<VaultNoteInfo> {
    return this.#notes[Symbol.iterator]();
  }
}
