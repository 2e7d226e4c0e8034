/**
 * One owner per store. The lock file records the owner's pid, the time that process started and the boot it
 * started in, so a pid reused by another program (after a crash or a reboot) is not mistaken for an owner.
 *
 * Creating the lock is exclusive (O_EXCL). Taking over a stale one cannot race: only the process holding a
 * short-lived `.takeover` guard (itself created exclusively) may replace it, and only if the lock still says
 * what that process saw; the replacement is an atomic rename. Synchronous on purpose: it is a few bytes at
 * start-up, on the restore-on-launch path, where a thread-pool round trip costs more than the write.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { delay } from '../../async.ts';
import { HostError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logger.ts';
import { NOFOLLOW } from './trusted-path.ts';

interface LockRecord {
  pid: number;
  /** The process's start time (Linux: clock ticks since boot, from /proc/PID/stat), or null where unknown. */
  start: string | null;
  /** The boot the process started in (Linux: /proc/sys/kernel/random/boot_id), or null where unknown. */
  boot: string | null;
}

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

function processStart(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Field 22 (starttime), counted after the command name, which may itself contain spaces or parentheses.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

const bootId = (): string | null => readOrNull('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's record, as written into its locks: read from /proc once (it never changes while we run). */
let ownRecord: string | null = null;
const ours = (): string => (ownRecord ??= JSON.stringify(self()));

function self(): LockRecord {
  return { pid: process.pid, start: processStart(process.pid), boot: bootId() };
}

function parse(text: string): LockRecord | null {
  try {
    const v = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0) return null;
    return { pid: v.pid as number, start: v.start ?? null, boot: v.boot ?? null };
  } catch {
    return null;
  }
}

/** Whether the process the record names still holds the lock (is that very process, still running). */
function holds(record: LockRecord): boolean {
  if (!isAlive(record.pid)) return false;
  const boot = bootId();
  if (record.boot !== null && boot !== null && record.boot !== boot) return false;
  const start = processStart(record.pid);
  if (record.start !== null && start !== null) return record.start === start;
  return true; // no /proc (macOS, Windows): a live pid is taken at its word
}

/**
 * The pid of the other running process that holds this lock, or null when nobody else does (no lock, a stale
 * one, or our own). For a check before start-up that says who is in the way; acquireLock stays the guard.
 */
export function lockHolder(file: string): number | null {
  const seen = readOrNull(file);
  const record = seen === null ? null : parse(seen);
  if (record === null || record.pid === process.pid) return null;
  return holds(record) ? record.pid : null;
}

/** Milliseconds since `file` was last written; negative when its time is ahead of the clock; null when gone. */
function ageOf(file: string): number | null {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Whether a takeover guard was left by a process that died mid-takeover. Its record names the taker: one
 * that no longer runs left it whenever it is dated in the future (the clock went back after a crash, so
 * waiting for it to age would wait until the clock passes it); otherwise a guard older than a few seconds.
 */
export function guardIsStale(text: string | null, age: number): boolean {
  if (age > 5000) return true;
  if (age >= 0) return false;
  const record = text === null ? null : parse(text);
  return record === null ? age < -1000 : !holds(record);
}

/**
 * Whether a lock file that holds no record (a racer still writing it, or garbage) is stale: once it is a
 * second old, or dated more than a second ahead of the clock (no racer writes in the future).
 */
export const unrecordedLockIsStale = (age: number): boolean => age >= 1000 || age < -1000;

function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Replaces a stale lock that still reads `seen` with ours, under the takeover guard. */
function takeOver(file: string, seen: string, ours: string): boolean {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, ours)) {
    // A guard older than a few seconds, or from the future whose taker is gone, was left by a process that
    // died mid-takeover.
    const age = ageOf(guard);
    try {
      if (age !== null && guardIsStale(readOrNull(guard), age)) unlinkSync(guard);
    } catch {
      // Gone already.
    }
    return false;
  }
  try {
    if (readOrNull(file) !== seen) return false;
    const tmp = `${file}.${randomBytes(6).toString('hex')}`;
    if (!createExclusive(tmp, ours)) return false;
    renameSync(tmp, file);
    return true;
  } finally {
    try {
      unlinkSync(guard);
    } catch {
      // Nothing to do: a later taker treats an old guard as stale.
    }
  }
}

/**
 * Takes the lock or throws `unavailable` naming the owner. Returns the release function, which removes the
 * lock only while it is still ours and logs (never throws) when it cannot.
 */
export async function acquireLock(file: string, log: Logger = console): Promise<() => Promise<void>> {
  const mine = ours();
  const release = async () => {
    try {
      if (readOrNull(file) === mine) unlinkSync(file);
    } catch (error) {
      log.warn(`latchkey: could not remove the lock ${file}: ${(error as Error).message}`);
    }
  };
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    if (createExclusive(file, mine)) return release;
    const seen = readOrNull(file);
    if (seen === null) continue; // released meanwhile: try again at once
    const record = parse(seen);
    if (record === null) {
      // Being written by a racer (created, not yet filled), or garbage: wait a moment, then treat as stale.
      const age = ageOf(file);
      if (age === null) continue;
      if (!unrecordedLockIsStale(age)) {
        // Waited without blocking: this runs on the Electron main thread, which must keep drawing.
        await delay(5);
        continue;
      }
    } else if (holds(record)) {
      if (record.pid === process.pid && seen === mine) return release;
      throw new HostError(
        'unavailable',
        `another Latchkey process (pid ${record.pid}) is using this data directory`,
      );
    }
    if (takeOver(file, seen, mine)) return release;
    await delay(2 + Math.floor(Math.random() * 5));
  }
  throw new HostError('unavailable', `could not take the lock ${file}`);
}
