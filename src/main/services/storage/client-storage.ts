/**
 * Client storage (Flet's `page.client_storage`): persistent JSON values shared by every window, owned by the
 * host process.
 *
 * electron-store re-reads the whole file on every get and rewrites it on every set, so filling it key by key
 * costs O(N²). Here reads come from memory, and writes go to an append-only journal beside a snapshot:
 *   - a `set` appends one line to the journal and resolves only after fdatasync, so a resolved set is durable;
 *   - sets that arrive together share one append and one sync (group commit);
 *   - when the journal outgrows the snapshot, the snapshot is rewritten atomically and the journal emptied,
 *     so the cost per set stays flat however large the store is.
 * The snapshot is a plain JSON object, like electron-store's file. A crash at any moment leaves a store that
 * opens: a torn last journal line was never acknowledged and is dropped; replaying the journal over a
 * snapshot that already contains it gives the same result.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { StorageRecovery } from '../../../shared/contract.ts';
import { HostError } from '../../../shared/errors.ts';
import type { JsonValue } from '../../../shared/json.ts';
import type { Logger } from '../../ipc/dispatcher.ts';
import { moveAside, writeFileAtomic } from './atomic-file.ts';
import { acquireLock } from './dir-lock.ts';

export interface ClientStorageOptions {
  dir: string;
  name?: string;
  log?: Logger;
  now?: () => Date;
  /** Rewrite the snapshot once the journal is larger than this and than the snapshot. */
  compactAfterBytes?: number;
}

export interface StorageChange {
  /** Keys set or removed; empty with `cleared`. */
  keys: string[];
  cleared: boolean;
}

type Op = ['s', string, JsonValue] | ['r', string] | ['c'];

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ClientStorage {
  readonly file: string;
  readonly journalFile: string;
  readonly recovered: StorageRecovery[] = [];

  readonly #data = new Map<string, string>();
  readonly #log: Logger;
  readonly #compactAfter: number;
  readonly #listeners = new Set<(change: StorageChange) => void>();
  #journal: FileHandle | null = null;
  #journalBytes = 0;
  #snapshotBytes = 0;
  #pending: string[] = [];
  #waiters: Waiter[] = [];
  #writing = false;
  #mustCompact = false;
  #closed = false;
  #unlock: () => Promise<void> = async () => {};

  private constructor(file: string, log: Logger, compactAfter: number) {
    this.file = file;
    this.journalFile = `${file}.journal`;
    this.#log = log;
    this.#compactAfter = compactAfter;
  }

  static async open(options: ClientStorageOptions): Promise<ClientStorage> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dir, `${options.name ?? 'client-storage'}.json`);
    const store = new ClientStorage(file, options.log ?? console, options.compactAfterBytes ?? 256 * 1024);
    store.#unlock = acquireLock(`${file}.lock`);
    try {
      await store.#load(options.now ?? (() => new Date()));
    } catch (error) {
      await store.#unlock();
      throw error;
    }
    return store;
  }

  async #load(now: () => Date): Promise<void> {
    const note = async (target: string, reason: string) => {
      const movedTo = await moveAside(target, 'corrupt', now());
      this.recovered.push({ file: target, movedTo, reason, at: now().toISOString() });
      this.#log.warn(
        `latchkey: ${path.basename(target)} was unreadable (${reason}); moved aside to ${path.basename(movedTo)}`,
      );
    };

    const snapshot = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (snapshot !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(snapshot);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed)) this.#data.set(k, JSON.stringify(v));
        this.#snapshotBytes = snapshot.length;
      } else {
        await note(this.file, snapshot.trim() === '' ? 'the file is empty' : 'the file is not a JSON object');
      }
    }

    const journal = await readFile(this.journalFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    let damaged = 0;
    const lines = journal.split('\n');
    // The part after the last newline is a write that never finished, so never acknowledged: drop it.
    const tornTail = lines.pop() !== '';
    for (const line of lines) {
      if (line === '') continue;
      try {
        this.#apply(JSON.parse(line) as Op);
      } catch {
        damaged++;
      }
    }
    if (damaged > 0)
      await note(this.journalFile, `${damaged} journal line(s) could not be read; the others were kept`);
    this.#journal = await open(this.journalFile, 'a', 0o600);
    this.#journalBytes = damaged > 0 ? 0 : journal.length;
    // Fold the journal into the snapshot now if it is torn or damaged, so new lines never follow a broken one.
    if (tornTail || damaged > 0 || this.recovered.length > 0) await this.#compact();
  }

  #apply(op: Op): void {
    if (!Array.isArray(op)) throw new Error('not an op');
    if (op[0] === 's' && typeof op[1] === 'string' && op.length === 3)
      this.#data.set(op[1], JSON.stringify(op[2]));
    else if (op[0] === 'r' && typeof op[1] === 'string') this.#data.delete(op[1]);
    else if (op[0] === 'c') this.#data.clear();
    else throw new Error('unknown op');
  }

  // Reads: from memory.

  get(key: string): JsonValue | null {
    const text = this.#data.get(key);
    return text === undefined ? null : (JSON.parse(text) as JsonValue);
  }

  containsKey(key: string): boolean {
    return this.#data.has(key);
  }

  getKeys(prefix = ''): string[] {
    const keys: string[] = [];
    for (const k of this.#data.keys()) if (k.startsWith(prefix)) keys.push(k);
    return keys;
  }

  entries(prefix = ''): Array<[string, JsonValue]> {
    const out: Array<[string, JsonValue]> = [];
    for (const [k, v] of this.#data) if (k.startsWith(prefix)) out.push([k, JSON.parse(v) as JsonValue]);
    return out;
  }

  get size(): number {
    return this.#data.size;
  }

  // Writes: applied in memory at once, durable when the promise resolves.

  set(key: string, value: JsonValue): Promise<void> {
    return this.setMany([[key, value]]);
  }

  setMany(entries: ReadonlyArray<readonly [string, JsonValue]>): Promise<void> {
    this.#assertOpen();
    const lines: string[] = [];
    const keys: string[] = [];
    for (const [key, value] of entries) {
      const text = JSON.stringify(value);
      this.#data.set(key, text);
      lines.push(`["s",${JSON.stringify(key)},${text}]\n`);
      keys.push(key);
    }
    return this.#commit(lines, { keys, cleared: false });
  }

  async remove(key: string): Promise<boolean> {
    this.#assertOpen();
    if (!this.#data.delete(key)) return false;
    await this.#commit([`["r",${JSON.stringify(key)}]\n`], { keys: [key], cleared: false });
    return true;
  }

  clear(): Promise<void> {
    this.#assertOpen();
    this.#data.clear();
    return this.#commit(['["c"]\n'], { keys: [], cleared: true });
  }

  onChange(listener: (change: StorageChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #assertOpen(): void {
    if (this.#closed) throw new HostError('unavailable', 'client storage is closed');
  }

  #commit(lines: string[], change: StorageChange): Promise<void> {
    for (const listener of this.#listeners) listener(change);
    return new Promise<void>((resolve, reject) => {
      this.#pending.push(...lines);
      this.#waiters.push({ resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        // Let every set made in this turn of the event loop join the same write.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiters.length > 0) {
      const text = this.#pending.join('');
      const waiters = this.#waiters;
      this.#pending = [];
      this.#waiters = [];
      try {
        if (
          this.#mustCompact ||
          this.#journalBytes + text.length > Math.max(this.#compactAfter, this.#snapshotBytes)
        ) {
          await this.#compact();
        } else {
          await this.#journal!.appendFile(text);
          await this.#journal!.datasync();
          this.#journalBytes += text.length;
        }
        for (const w of waiters) w.resolve();
      } catch (error) {
        // A failed append may have left half a line; the next write rewrites the snapshot from memory instead.
        this.#mustCompact = true;
        this.#log.error('latchkey: client storage write failed:', (error as Error).message);
        const failure = new HostError(
          'unavailable',
          `could not save client storage: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`,
        );
        for (const w of waiters) w.reject(failure);
      }
    }
    this.#writing = false;
  }

  /** Writes the whole store as the new snapshot, then empties the journal. */
  async #compact(): Promise<void> {
    const parts: string[] = [];
    for (const [k, v] of this.#data) parts.push(`${JSON.stringify(k)}:${v}`);
    const text = `{${parts.join(',')}}`;
    await writeFileAtomic(this.file, text);
    this.#snapshotBytes = text.length;
    await this.#journal!.truncate(0);
    await this.#journal!.sync();
    this.#journalBytes = 0;
    this.#mustCompact = false;
  }

  /** Waits for pending writes, then releases the file and the lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#writing) await new Promise((r) => setImmediate(r));
    await this.#journal?.close();
    await this.#unlock();
  }
}
