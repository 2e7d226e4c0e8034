/**
 * What the demo identity provider keeps between runs, so a remembered demo sign-in restores after a restart
 * and refreshes for real: its port (so its issuer stays the same), its signing key, its cookie key, and its
 * grants and tokens. One file, mode 0600, in a private folder of the app's data directory, replaced
 * atomically on every change (a sign-in or a refresh: rare).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Sequencer } from '../../async.ts';
import { writeFileAtomic } from '../../services/storage/atomic-file.ts';
import { ensurePrivateDir, readTrustedFile } from '../../services/storage/trusted-path.ts';

export interface StoredEntry {
  payload: Record<string, unknown>;
  expiresAt: number | null;
}

export interface DemoState {
  port: number;
  jwk: Record<string, unknown>;
  cookieKey: string;
  stores: Record<string, Record<string, StoredEntry>>;
}

export function freshDemoState(): DemoState {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    port: 0,
    jwk: {
      ...privateKey.export({ format: 'jwk' }),
      kid: randomBytes(8).toString('hex'),
      alg: 'ES256',
      use: 'sig',
    },
    cookieKey: randomBytes(32).toString('base64url'),
    stores: {},
  };
}

const isState = (v: unknown): v is DemoState => {
  const s = v as Partial<DemoState> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s.port) &&
    typeof s.jwk === 'object' &&
    s.jwk !== null &&
    typeof s.cookieKey === 'string' &&
    typeof s.stores === 'object' &&
    s.stores !== null
  );
};

export class DemoStateFile {
  readonly file: string;
  readonly #writes = new Sequencer();

  constructor(dir: string) {
    this.file = path.join(dir, 'state.json');
  }

  /** The saved state, or a fresh one (no file, or a damaged one: the demo just starts over). */
  async load(): Promise<DemoState> {
    ensurePrivateDir(path.dirname(this.file));
    const text = await readTrustedFile(this.file);
    try {
      const parsed = text === null ? null : (JSON.parse(text.toString('utf8')) as unknown);
      if (isState(parsed)) return parsed;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
    return freshDemoState();
  }

  /** Saves, one write at a time; resolves once durable. Expired entries are dropped on the way. */
  save(state: DemoState): Promise<void> {
    const now = Date.now();
    const stores: DemoState['stores'] = {};
    for (const [name, entries] of Object.entries(state.stores)) {
      const kept = Object.entries(entries).filter(([, e]) => e.expiresAt === null || e.expiresAt > now);
      // Sign-in screens in progress need not survive a restart.
      if (kept.length && name !== 'Interaction') stores[name] = Object.fromEntries(kept);
    }
    const text = JSON.stringify({ ...state, stores });
    return this.#writes.run(() => writeFileAtomic(this.file, text));
  }
}
