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
 *
 * A change becomes visible (memory, `get`, `changed` events) only once its bytes are synced. A write that
 * fails (a full disk) changes nothing: the journal is cut back to where it was, the callers get
 * `unavailable` with the cause, `status` shows it until a write succeeds, and the next write tries again,
 * so the store recovers by itself once there is room.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { StorageChange, StorageRecovery } from '../../../shared/contract.ts';
import { HostError } from '../../../shared/errors.ts';
import type { JsonValue } from '../../../shared/json.ts';
import type { Logger } from '../../../shared/logger.ts';
import { moveAside, removeLeftovers, writeFileAtomic } from './atomic-file.ts';
import { Sequencer } from '../../async.ts';
import { acquireLock } from './dir-lock.ts';
import { checkTrusted, ensurePrivateDir, NOFOLLOW, readTrustedFile } from './trusted-path.ts';

/**
 * The two file operations a write needs. Real by default; tests inject failures (ENOSPC) where a small
 * tmpfs cannot be mounted.
 */
export interface StorageFileOps {
  /** Appends to the journal and syncs its data. */
  append(journal: FileHandle, text: string): Promise<void>;
  /** Replaces the snapshot atomically. */
  replace(file: string, text: string): Promise<void>;
}

const realFileOps: StorageFileOps = {
  async append(journal, text) {
    await journal.appendFile(text);
    await journal.datasync();
  },
  replace: writeFileAtomic,
};

export interface ClientStorageOptions {
  dir: string;
  name?: string;
  log?: Logger;
  now?: () => Date;
  /** Rewrite the snapshot once the journal is larger than this and than the snapshot. */
  compactAfterBytes?: number;
  fileOps?: StorageFileOps;
}

type Op = ['s', string, JsonValue] | ['r', string] | ['c'];

/** A change waiting for its write: values kept as JSON text, as in memory. */
type PendingOp = { kind: 's'; key: string; text: string } | { kind: 'r'; key: string } | { kind: 'c' };

interface PendingWrite {
  ops: PendingOp[];
  lines: string[];
  change: StorageChange;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ClientStorage {
  readonly file: string;
  readonly journalFile: string;
  readonly recovered: StorageRecovery[] = [];

  #data = new Map<string, string>();
  readonly #log: Logger;
  readonly #compactAfter: number;
  readonly #ops: StorageFileOps;
  readonly #listeners = new Set<(change: StorageChange) => void>();
  #journal: FileHandle | null = null;
  #journalBytes = 0;
  #snapshotBytes = 0;
  #queue: PendingWrite[] = [];
  /** The one drain at work, if any: the batches are written one after another. */
  readonly #writer = new Sequencer();
  #writing = false;
  #lastError: string | null = null;
  #mustCompact = false;
  #closed = false;
  #unlock: () => Promise<void> = async () => {};

  private constructor(file: string, log: Logger, compactAfter: number, ops: StorageFileOps) {
    this.file = file;
    this.journalFile = `${file}.journal`;
    this.#log = log;
    this.#compactAfter = compactAfter;
    this.#ops = ops;
  }

  static async open(options: ClientStorageOptions): Promise<ClientStorage> {
    ensurePrivateDir(options.dir);
    const file = path.join(options.dir, `${options.name ?? 'client-storage'}.json`);
    const store = new ClientStorage(
      file,
      options.log ?? console,
      options.compactAfterBytes ?? 256 * 1024,
      options.fileOps ?? realFileOps,
    );
    // Before the lock: on a full disk, leftovers may be what keeps even the lock file from being written.
    removeLeftovers(file);
    store.#unlock = await acquireLock(`${file}.lock`, store.#log);
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

    const snapshot = (await readTrustedFile(this.file))?.toString('utf8') ?? null;
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

    const journal = (await readTrustedFile(this.journalFile))?.toString('utf8') ?? '';
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
    this.#journal = await open(
      this.journalFile,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW,
      0o600,
    );
    // Checked on the handle itself, so nothing can be swapped in between the check and the use.
    checkTrusted(await this.#journal.stat(), this.journalFile, 'file');
    this.#journalBytes = damaged > 0 ? 0 : Buffer.byteLength(journal);
    // Fold the journal into the snapshot now if it is torn or damaged, so new lines never follow a broken one.
    if (tornTail || damaged > 0 || this.recovered.length > 0) {
      // On a full disk this waits for the next write, which tries again; the store opens either way.
      this.#mustCompact = true;
      await this.#compact().catch((error: NodeJS.ErrnoException) => {
        this.#lastError = `could not tidy the store at start-up: ${error.code ?? error.message}`;
      });
    }
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

  // Writes: visible (memory, get, events) only once durable; a failed write changes nothing.

  set(key: string, value: JsonValue): Promise<void> {
    return this.setMany([[key, value]]);
  }

  setMany(entries: ReadonlyArray<readonly [string, JsonValue]>): Promise<void> {
    this.#assertOpen();
    const ops: PendingOp[] = [];
    const lines: string[] = [];
    for (const [key, value] of entries) {
      const text = JSON.stringify(value);
      ops.push({ kind: 's', key, text });
      lines.push(`["s",${JSON.stringify(key)},${text}]\n`);
    }
    return this.#commit(ops, lines, { keys: ops.map((o) => (o as { key: string }).key), cleared: false });
  }

  async remove(key: string): Promise<boolean> {
    this.#assertOpen();
    if (!this.#willHave(key)) return false;
    await this.#commit([{ kind: 'r', key }], [`["r",${JSON.stringify(key)}]\n`], {
      keys: [key],
      cleared: false,
    });
    return true;
  }

  clear(): Promise<void> {
    this.#assertOpen();
    return this.#commit([{ kind: 'c' }], ['["c"]\n'], { keys: [], cleared: true });
  }

  onChange(listener: (change: StorageChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Why the last write failed, until a write succeeds again. */
  get lastError(): string | null {
    return this.#lastError;
  }

  #assertOpen(): void {
    if (this.#closed) throw new HostError('unavailable', 'client storage is closed');
  }

  /** Whether `key` will exist once the writes queued so far are done. */
  #willHave(key: string): boolean {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const ops = this.#queue[i]!.ops;
      for (let j = ops.length - 1; j >= 0; j--) {
        const op = ops[j]!;
        if (op.kind === 'c') return false;
        if (op.key === key) return op.kind === 's';
      }
    }
    return this.#data.has(key);
  }

  #commit(ops: PendingOp[], lines: string[], change: StorageChange): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ops, lines, change, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        // Let every set made in this turn of the event loop join the same write.
        void this.#writer.run(async () => {
          await new Promise((resolve) => setImmediate(resolve));
          await this.#drain();
        });
      }
    });
  }

  static #applyTo(data: Map<string, string>, ops: readonly PendingOp[]): void {
    for (const op of ops) {
      if (op.kind === 's') data.set(op.key, op.text);
      else if (op.kind === 'r') data.delete(op.key);
      else data.clear();
    }
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const text = batch.map((w) => w.lines.join('')).join('');
      try {
        if (
          this.#mustCompact ||
          this.#journalBytes + text.length > Math.max(this.#compactAfter, this.#snapshotBytes)
        ) {
          // The new snapshot is the current state with this batch applied; memory takes it only once written.
          const next = new Map(this.#data);
          for (const w of batch) ClientStorage.#applyTo(next, w.ops);
          await this.#compact(next);
          this.#data = next;
        } else {
          await this.#append(text);
          for (const w of batch) ClientStorage.#applyTo(this.#data, w.ops);
        }
        this.#lastError = null;
        for (const w of batch) {
          for (const listener of this.#listeners) listener(w.change);
          w.resolve();
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        this.#lastError = `the last write failed: ${code ?? (error as Error).message}${code === 'ENOSPC' ? ' (the disk is full)' : ''}`;
        this.#log.error(`latchkey: client storage write failed: ${(error as Error).message}`);
        const failure = new HostError(
          'unavailable',
          `could not save client storage: ${code ?? 'write failed'}${code === 'ENOSPC' ? ' (the disk is full); nothing was changed' : '; nothing was changed'}`,
        );
        for (const w of batch) w.reject(failure);
      }
    }
    this.#writing = false;
  }

  /** Appends to the journal; on failure cuts it back, so a failed change can never replay on the next open. */
  async #append(text: string): Promise<void> {
    const before = this.#journalBytes;
    try {
      await this.#ops.append(this.#journal!, text);
      this.#journalBytes += Buffer.byteLength(text);
    } catch (error) {
      try {
        await this.#journal!.truncate(before);
        await this.#journal!.datasync();
      } catch {
        // Could not even cut it back: the next write rewrites the snapshot and empties the journal.
        this.#mustCompact = true;
      }
      throw error;
    }
  }

  /** Writes `data` as the new snapshot, then empties the journal. */
  async #compact(data: Map<string, string> = this.#data): Promise<void> {
    const parts: string[] = [];
    for (const [k, v] of data) parts.push(`${JSON.stringify(k)}:${v}`);
    const text = `{${parts.join(',')}}`;
    await this.#ops.replace(this.file, text);
    this.#snapshotBytes = text.length;
    // The snapshot is durable and holds everything: the write has succeeded. Emptying the journal frees
    // space rather than needing it; should it fail all the same, the next write compacts again.
    try {
      await this.#journal!.truncate(0);
      await this.#journal!.sync();
      this.#journalBytes = 0;
      this.#mustCompact = false;
    } catch (error) {
      this.#mustCompact = true;
      this.#log.error(`latchkey: could not empty the client storage journal: ${(error as Error).message}`);
    }
  }

  /** Waits for pending writes, then releases the file and the lock. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.idle();
    await this.#journal?.close();
    await this.#unlock();
  }
}
