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
 * The snapshot is a plain JSON object, like electron-store's file. Every journal line carries a sequence
 * number and a CRC-32, and the snapshot a CRC-32 of its entries (journal-format.ts), so damage is found, not
 * read as data: a corrupt, missing, torn or over-limit line is skipped, counted in `damage`, and the original
 * journal is moved aside before anything is rewritten. A crash at any moment leaves a store that opens;
 * journal lines the snapshot already contains (a crash between the two writes) are recognised by their
 * sequence number and skipped.
 *
 * A change becomes visible (memory, `get`, `changed` events) only once its bytes are synced. A write that
 * fails (a full disk) changes nothing: the journal is cut back to where it was, the callers get
 * `unavailable` with the cause, `status` shows it until a write succeeds, and the next write tries again,
 * so the store recovers by itself once there is room.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { StorageChange, StorageDamage, StorageRecovery } from '../../../shared/contract.ts';
import { HostError } from '../../../shared/errors.ts';
import type { JsonValue } from '../../../shared/json.ts';
import { LIMITS } from '../../../shared/limits.ts';
import type { Logger } from '../../../shared/logger.ts';
import { moveAside, removeLeftovers, writeFileAtomic } from './atomic-file.ts';
import { Sequencer } from '../../async.ts';
import { acquireLock } from './dir-lock.ts';
import { decodeLine, decodeSnapshot, encodeLine, encodeSnapshot, type Op } from './journal-format.ts';
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
  /** The total quota in bytes (LIMITS.maxClientStorageBytes); smaller in tests. */
  quotaBytes?: number;
}

const mib = (bytes: number): string =>
  `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

export const noDamage = (): StorageDamage => ({
  corruptLines: 0,
  missingLines: 0,
  tornBytes: 0,
  repairedLines: 0,
  overLimitEntries: 0,
  overQuotaEntries: 0,
});

const damageTotal = (d: StorageDamage): number =>
  d.corruptLines + d.missingLines + d.tornBytes + d.repairedLines + d.overLimitEntries + d.overQuotaEntries;

/** What one entry counts against the quota. */
const entryBytes = (key: string, text: string): number => Buffer.byteLength(key) + Buffer.byteLength(text);

/** Counts in words, for the note and the log ("2 damaged lines skipped, 1,204 bytes of a torn last line dropped"). */
export function describeDamage(d: StorageDamage): string {
  const n = (count: number, one: string, many: string) =>
    `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
  const parts: string[] = [];
  if (d.corruptLines) parts.push(`${n(d.corruptLines, 'damaged line', 'damaged lines')} skipped`);
  if (d.missingLines) parts.push(`${n(d.missingLines, 'line is', 'lines are')} missing`);
  if (d.tornBytes) parts.push(`${n(d.tornBytes, 'byte', 'bytes')} of an unfinished last line dropped`);
  if (d.repairedLines) parts.push('a last line that had lost its newline was kept');
  if (d.overLimitEntries)
    parts.push(`${n(d.overLimitEntries, 'entry', 'entries')} over the key or value size limit skipped`);
  if (d.overQuotaEntries)
    parts.push(`${n(d.overQuotaEntries, 'entry', 'entries')} past the storage quota skipped`);
  return parts.join('; ');
}

/** A copy of a damaged file beside it (a clone where the file system can), or the file itself moved aside. */
async function keepCopy(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.damaged-${stamp}`;
  try {
    await copyFile(file, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    await chmod(target, 0o600);
    return target;
  } catch {
    // No room for a copy (the disk may be full): move the original aside instead, which needs none.
    await rm(target, { force: true });
    return moveAside(file, 'damaged', now);
  }
}

/** The longest line a journal can hold (a key and a value at their limits, JSON-escaped, and the framing). */
const MAX_LINE_BYTES = 6 * LIMITS.maxKeyLength * 2 + 6 * LIMITS.maxValueBytes + 64;

/** A change waiting for its write: values kept as JSON text, as in memory. */
type PendingOp = { kind: 's'; key: string; text: string } | { kind: 'r'; key: string } | { kind: 'c' };

interface PendingWrite {
  ops: PendingOp[];
  /** Each op's JSON text; the sequence number and checksum are added when it is written. */
  lines: string[];
  /** The most this write can grow the store, counted against the quota while it waits. */
  growth: number;
  change: StorageChange;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ClientStorage {
  readonly file: string;
  readonly journalFile: string;
  readonly recovered: StorageRecovery[] = [];
  /** What was found wrong at open, summed over `recovered`. */
  readonly damage: StorageDamage = noDamage();
  readonly quotaBytes: number;

  #data = new Map<string, string>();
  /** UTF-8 bytes of every key and value in #data. */
  #usedBytes = 0;
  /** Growth of the writes queued but not yet written. */
  #pendingGrowth = 0;
  /** The sequence number of the last journal line written (or contained in the snapshot). */
  #seq = 0;
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

  private constructor(file: string, log: Logger, compactAfter: number, ops: StorageFileOps, quota: number) {
    this.file = file;
    this.quotaBytes = quota;
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
      options.quotaBytes ?? LIMITS.maxClientStorageBytes,
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
    const note = async (target: string, reason: string, damage?: StorageDamage) => {
      const movedTo = await moveAside(target, 'corrupt', now());
      this.recovered.push({
        file: target,
        movedTo,
        reason,
        at: now().toISOString(),
        ...(damage ? { damage } : {}),
      });
      this.#log.warn(
        `latchkey: ${path.basename(target)} was damaged (${reason}); moved aside to ${path.basename(movedTo)}`,
      );
    };
    /** Keeps a copy of a file whose damage was counted, before the compaction below rewrites it. */
    const keep = async (target: string, damage: StorageDamage) => {
      const copy = await keepCopy(target, now());
      const reason = describeDamage(damage);
      this.recovered.push({ file: target, movedTo: copy, reason, at: now().toISOString(), damage });
      for (const k of Object.keys(damage) as Array<keyof StorageDamage>) this.damage[k] += damage[k];
      this.#log.warn(
        `latchkey: ${path.basename(target)}: ${reason}; the original is kept as ${path.basename(copy)}`,
      );
    };
    let found = noDamage();
    let migrate = false;
    let snapshotSeq = 0;
    /** Format-1 lines are read only before the first format-2 one (a store that was never migrated). */
    let v1Allowed = true;

    const snapshotBytes = await readTrustedFile(this.file);
    if (snapshotBytes !== null) {
      // Past twice the quota it cannot be a store this host wrote (and may be past what a string can hold).
      const decoded =
        snapshotBytes.length > 2 * this.quotaBytes + MAX_LINE_BYTES
          ? ({ kind: 'damaged', reason: 'the file is larger than the store can be' } as const)
          : decodeSnapshot(snapshotBytes.toString('utf8'));
      if (decoded.kind === 'damaged') {
        await note(this.file, decoded.reason);
      } else {
        for (const [k, v] of Object.entries(decoded.data)) this.#loadSet(k, JSON.stringify(v), found);
        this.#snapshotBytes = snapshotBytes.length;
        if (damageTotal(found) > 0) await keep(this.file, found);
        found = noDamage();
        if (decoded.kind === 'v2') {
          snapshotSeq = decoded.seq;
          v1Allowed = false;
        } else migrate = true;
      }
    }
    this.#seq = snapshotSeq;

    const journal = (await readTrustedFile(this.journalFile)) ?? Buffer.alloc(0);
    let start = 0;
    const applyLine = (line: string): boolean => {
      const decoded = decodeLine(line);
      if (decoded.kind === 'corrupt' || (decoded.kind === 'v1' && !v1Allowed)) return false;
      if (decoded.kind === 'v1') {
        migrate = true;
        this.#applyLoaded(decoded.op, found);
        return true;
      }
      v1Allowed = false;
      // Already in the snapshot: the crash came between writing it and emptying the journal.
      if (decoded.seq <= snapshotSeq) return true;
      if (decoded.seq <= this.#seq) return false; // out of order or repeated: not a line this store wrote
      if (decoded.seq > this.#seq + 1) found.missingLines += decoded.seq - this.#seq - 1;
      this.#seq = decoded.seq;
      this.#applyLoaded(decoded.op, found);
      return true;
    };
    for (;;) {
      const nl = journal.indexOf(10, start);
      if (nl === -1) break;
      if (nl > start && !applyLine(journal.toString('utf8', start, nl))) found.corruptLines++;
      start = nl + 1;
    }
    const tail = journal.length - start;
    if (tail > 0) {
      // No final newline: a write cut off, a truncation, or a flipped newline. A whole line whose checksum
      // holds (possibly followed by the one byte the newline became) is kept; anything else is dropped.
      let kept = false;
      if (tail <= MAX_LINE_BYTES + 1) {
        const text = journal.toString('utf8', start);
        const whole = decodeLine(text).kind === 'v2' ? text : text.slice(0, -1);
        if (decodeLine(whole).kind === 'v2') kept = applyLine(whole);
      }
      if (kept) found.repairedLines++;
      else found.tornBytes += tail;
    }
    const damaged = damageTotal(found) > 0;
    if (damaged) await keep(this.journalFile, found);
    this.#journal = await open(
      this.journalFile,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW,
      0o600,
    );
    // Checked on the handle itself, so nothing can be swapped in between the check and the use.
    const journalStat = await this.#journal.stat();
    checkTrusted(journalStat, this.journalFile, 'file');
    this.#journalBytes = journalStat.size;
    // Fold the journal into the snapshot now if it was damaged or in the old format, so new lines never
    // follow a broken one and every line on disk has its checksum.
    if (migrate || this.recovered.length > 0) {
      // On a full disk this waits for the next write, which tries again; the store opens either way.
      this.#mustCompact = true;
      await this.#compact().catch((error: NodeJS.ErrnoException) => {
        this.#lastError = `could not tidy the store at start-up: ${error.code ?? error.message}`;
      });
    }
  }

  /** A set read from disk: refused over the API's limits or past the quota, so what loads can be handed out. */
  #loadSet(key: string, text: string, found: StorageDamage): void {
    if (key.length > LIMITS.maxKeyLength || Buffer.byteLength(text) > LIMITS.maxValueBytes) {
      found.overLimitEntries++;
      return;
    }
    const old = this.#data.get(key);
    const delta = entryBytes(key, text) - (old === undefined ? 0 : entryBytes(key, old));
    if (delta > 0 && this.#usedBytes + delta > this.quotaBytes) {
      found.overQuotaEntries++;
      return;
    }
    this.#data.set(key, text);
    this.#usedBytes += delta;
  }

  #applyLoaded(op: Op, found: StorageDamage): void {
    if (op[0] === 's') this.#loadSet(op[1], JSON.stringify(op[2]), found);
    else if (op[0] === 'r') {
      const old = this.#data.get(op[1]);
      if (old !== undefined) this.#usedBytes -= entryBytes(op[1], old);
      this.#data.delete(op[1]);
    } else {
      this.#data.clear();
      this.#usedBytes = 0;
    }
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
    let growth = 0;
    for (const [key, value] of entries) {
      const text = JSON.stringify(value);
      ops.push({ kind: 's', key, text });
      lines.push(`["s",${JSON.stringify(key)},${text}]`);
      const old = this.#data.get(key);
      growth += entryBytes(key, text) - (old === undefined ? 0 : entryBytes(key, old));
    }
    growth = Math.max(0, growth);
    // Refused before anything is written: the store never grows past its quota, nor fills the disk to it.
    const after = this.#usedBytes + this.#pendingGrowth + growth;
    if (growth > 0 && after > this.quotaBytes)
      return Promise.reject(
        new HostError(
          'too_large',
          `client storage is full: it may hold ${mib(this.quotaBytes)} in all, and this change would take it to ${mib(after)}; nothing was changed (remove some keys first)`,
          { details: { limit: this.quotaBytes, actual: after } },
        ),
      );
    return this.#commit(ops, lines, growth, {
      keys: ops.map((o) => (o as { key: string }).key),
      cleared: false,
    });
  }

  async remove(key: string): Promise<boolean> {
    this.#assertOpen();
    if (!this.#willHave(key)) return false;
    await this.#commit([{ kind: 'r', key }], [`["r",${JSON.stringify(key)}]`], 0, {
      keys: [key],
      cleared: false,
    });
    return true;
  }

  clear(): Promise<void> {
    this.#assertOpen();
    return this.#commit([{ kind: 'c' }], ['["c"]'], 0, { keys: [], cleared: true });
  }

  onChange(listener: (change: StorageChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** UTF-8 bytes of every key and value held, counted against `quotaBytes`. */
  get usedBytes(): number {
    return this.#usedBytes;
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

  #commit(ops: PendingOp[], lines: string[], growth: number, change: StorageChange): Promise<void> {
    this.#pendingGrowth += growth;
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ops, lines, growth, change, resolve, reject });
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

  /** Applies `ops` to `data`; returns how many bytes that added (negative when it freed some). */
  static #applyTo(data: Map<string, string>, ops: readonly PendingOp[], used: number): number {
    let delta = 0;
    for (const op of ops) {
      if (op.kind === 'c') {
        data.clear();
        delta = -used;
        continue;
      }
      const old = data.get(op.key);
      if (old !== undefined) delta -= entryBytes(op.key, old);
      if (op.kind === 's') {
        data.set(op.key, op.text);
        delta += entryBytes(op.key, op.text);
      } else data.delete(op.key);
    }
    return delta;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const seqBefore = this.#seq;
      let text = '';
      for (const w of batch) for (const op of w.lines) text += encodeLine(++this.#seq, op);
      try {
        if (
          this.#mustCompact ||
          this.#journalBytes + text.length > Math.max(this.#compactAfter, this.#snapshotBytes)
        ) {
          // The new snapshot is the current state with this batch applied; memory takes it only once written.
          const next = new Map(this.#data);
          let used = this.#usedBytes;
          for (const w of batch) used += ClientStorage.#applyTo(next, w.ops, used);
          await this.#compact(next);
          this.#data = next;
          this.#usedBytes = used;
        } else {
          await this.#append(text);
          for (const w of batch)
            this.#usedBytes += ClientStorage.#applyTo(this.#data, w.ops, this.#usedBytes);
        }
        for (const w of batch) this.#pendingGrowth -= w.growth;
        this.#lastError = null;
        for (const w of batch) {
          for (const listener of this.#listeners) listener(w.change);
          w.resolve();
        }
      } catch (error) {
        // Nothing of this batch is on disk (the journal was cut back, or the snapshot not replaced).
        this.#seq = seqBefore;
        for (const w of batch) this.#pendingGrowth -= w.growth;
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
    const text = encodeSnapshot(this.#seq, parts);
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
