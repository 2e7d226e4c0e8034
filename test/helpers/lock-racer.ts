/**
 * A separate Node process that takes the store lock on "go" (a line on its stdin), says "owner" or
 * "refused", and holds the lock until its stdin closes: the other process in lock tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const LOCK_MODULE = path.join(ROOT, 'src/main/services/storage/dir-lock.ts');

const RACER = `
import { acquireLock } from ${JSON.stringify(LOCK_MODULE)};
process.stdin.once('data', async () => {
  let release = null;
  try { release = await acquireLock(process.argv[1], { warn() {}, error() {} }); console.log('owner'); }
  catch (e) { console.log(e.code === 'unavailable' ? 'refused' : 'error ' + e.message); }
  process.stdin.once('end', async () => { await release?.(); process.exit(0); });
});
`;

export interface Racer {
  child: ChildProcess;
  /** Its first line: "owner", "refused" or "error …". */
  answer: Promise<string>;
  /** Closes its stdin (it releases the lock and exits) and waits for the exit. */
  stop(): Promise<void>;
}

export function racer(lock: string): Racer {
  const child = spawn(NODE, ['--input-type=module', '-e', RACER, lock], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  child.stdout!.setEncoding('utf8');
  const answer = new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
  return { child, answer, stop };
}

/** A pid that belonged to a process that has ended. */
export const deadPid = (): number => spawnSync('true').pid!;
