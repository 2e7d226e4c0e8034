/**
 * The client-storage file formats, as pure functions.
 *
 * Journal line (format 2): `<seq> <crc> <op>\n`, where `<op>` is the JSON op array (`["s",key,value]`,
 * `["r",key]`, `["c"]`), `<seq>` a decimal sequence number that grows by one per line for the life of the
 * store, and `<crc>` the CRC-32 of `<seq> <op>` as 8 lower-case hex digits. A flipped bit anywhere in a line
 * breaks its checksum; a lost line leaves a gap in the sequence.
 *
 * Snapshot (format 2): still a plain JSON object, whose first member is `"latchkey:snapshot":"2 <seq> <crc>"`:
 * `<seq>` is the last journal line it contains and `<crc>` the CRC-32 of everything after that member. The
 * entries are read from that remainder only, so a key of the same name can never collide with it.
 *
 * Format 1 (lines that are the bare op, a snapshot without the member) is still read: a migration.
 */
import { crc32 } from 'node:zlib';

export type Op = ['s', string, unknown] | ['r', string] | ['c'];

const hex = (n: number): string => n.toString(16).padStart(8, '0');

/** One journal line, newline included. `op` is the op's JSON text. */
export function encodeLine(seq: number, op: string): string {
  const body = `${seq} ${op}`;
  return `${seq} ${hex(crc32(body))} ${op}\n`;
}

export type DecodedLine =
  | { kind: 'v2'; seq: number; op: Op }
  | { kind: 'v1'; op: Op }
  /** The checksum, the sequence number or the op does not hold. */
  | { kind: 'corrupt' };

const LINE = /^(0|[1-9]\d{0,15}) ([0-9a-f]{8}) /;

function asOp(v: unknown): Op | null {
  if (!Array.isArray(v)) return null;
  if (v[0] === 's' && typeof v[1] === 'string' && v.length === 3) return v as Op;
  if (v[0] === 'r' && typeof v[1] === 'string' && v.length === 2) return v as Op;
  if (v[0] === 'c' && v.length === 1) return v as Op;
  return null;
}

function parseOp(text: string): Op | null {
  try {
    return asOp(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Decodes one line (without its newline). */
export function decodeLine(line: string): DecodedLine {
  if (line.startsWith('[')) {
    const op = parseOp(line);
    return op ? { kind: 'v1', op } : { kind: 'corrupt' };
  }
  const m = LINE.exec(line);
  if (!m) return { kind: 'corrupt' };
  const seqText = m[1]!;
  const opText = line.slice(m[0].length);
  if (hex(crc32(`${seqText} ${opText}`)) !== m[2]) return { kind: 'corrupt' };
  const op = parseOp(opText);
  const seq = Number(seqText);
  return op && Number.isSafeInteger(seq) ? { kind: 'v2', seq, op } : { kind: 'corrupt' };
}

export const SNAPSHOT_PREFIX = '{"latchkey:snapshot":"';

/** The snapshot text for `members` (each `"key":value`) whose last journal line is `seq`. */
export function encodeSnapshot(seq: number, members: readonly string[]): string {
  const rest = members.length === 0 ? '}' : `,${members.join(',')}}`;
  return `${SNAPSHOT_PREFIX}2 ${seq} ${hex(crc32(rest))}"${rest}`;
}

export type DecodedSnapshot =
  | { kind: 'v2'; seq: number; data: Record<string, unknown> }
  | { kind: 'v1'; data: Record<string, unknown> }
  | { kind: 'damaged'; reason: string };

const HEADER = /^2 (0|[1-9]\d{0,15}) ([0-9a-f]{8})"/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bytes in which `a` and `b` differ over `b`'s length: one flipped bit changes exactly one. */
function differences(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++;
  return n;
}

export function decodeSnapshot(text: string): DecodedSnapshot {
  const prefixDiff = text.length >= SNAPSHOT_PREFIX.length ? differences(text, SNAPSHOT_PREFIX) : Infinity;
  if (prefixDiff === 0) {
    const header = HEADER.exec(text.slice(SNAPSHOT_PREFIX.length));
    if (!header) return { kind: 'damaged', reason: 'its checksum line is damaged' };
    const rest = text.slice(SNAPSHOT_PREFIX.length + header[0].length);
    if (hex(crc32(rest)) !== header[2]) return { kind: 'damaged', reason: 'its checksum does not match' };
    let data: unknown;
    try {
      data = JSON.parse(rest === '}' ? '{}' : `{${rest.slice(1)}`);
    } catch {
      data = undefined;
    }
    if (!isObject(data)) return { kind: 'damaged', reason: 'the file is not a JSON object' };
    return { kind: 'v2', seq: Number(header[1]), data };
  }
  // One byte off the format-2 start is a damaged format-2 file, never a format-1 store with a renamed key.
  if (prefixDiff === 1) return { kind: 'damaged', reason: 'its checksum line is damaged' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  if (!isObject(data))
    return {
      kind: 'damaged',
      reason: text.trim() === '' ? 'the file is empty' : 'the file is not a JSON object',
    };
  return { kind: 'v1', data };
}
