/**
 * What the demo identity provider keeps between runs, so a remembered demo sign-in restores after a restart
 * and refreshes for real: its port (so its issuer stays the same), its signing key, its cookie key, and its
 * grants and tokens. One file, mode 0600, in a private folder of the app's data directory, replaced
 * atomically on every change (a sign-in or a refresh: rare).
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import type { Logger } from '../../../shared/logger.ts';
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `jwk` is a usable ES256 signing key (a P-256 private key with a key id). */
function isSigningKey(jwk: unknown): boolean {
  if (!isObject(jwk) || typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.alg !== 'ES256') return false;
  try {
    const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

const isEntry = (v: unknown): boolean =>
  isObject(v) && isObject(v.payload) && (v.expiresAt === null || Number.isFinite(v.expiresAt));

/**
 * Why a parsed state cannot be used, or null when it can: checked by value, not only by shape, since a
 * state that parses but holds a port no server can listen on or an empty key would leave the demo
 * unavailable at every start.
 */
export function demoStateProblem(v: unknown): string | null {
  if (!isObject(v)) return 'it is not a JSON object';
  if (!Number.isInteger(v.port) || (v.port as number) < 0 || (v.port as number) > 65535)
    return 'its port is not a port number (0 to 65535)';
  if (!isSigningKey(v.jwk)) return 'its signing key is not an ES256 (P-256) private key';
  // 32 random bytes, base64url: 43 characters.
  if (typeof v.cookieKey !== 'string' || v.cookieKey.length < 43)
    return 'its cookie key is missing or too short';
  if (
    !isObject(v.stores) ||
    !Object.values(v.stores).every((s) => isObject(s) && Object.values(s).every(isEntry))
  )
    return 'its saved grants are not in the expected form';
  return null;
}

export class DemoStateFile {
  readonly file: string;
  readonly #writes = new Sequencer();

  readonly #log: Pick<Logger, 'warn'>;

  constructor(dir: string, log: Pick<Logger, 'warn'> = console) {
    this.file = path.join(dir, 'state.json');
    this.#log = log;
  }

  /**
   * The saved state, or a fresh one: no file, or one that cannot be used (damaged, or wrong values such as
   * port -1 or an empty key), in which case the demo starts over with a note in the log.
   */
  async load(): Promise<DemoState> {
    ensurePrivateDir(path.dirname(this.file));
    const text = await readTrustedFile(this.file);
    if (text === null) return freshDemoState();
    let problem: string | null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.toString('utf8'));
      problem = demoStateProblem(parsed);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      problem = 'it is not valid JSON';
    }
    if (problem === null) return parsed as DemoState;
    this.#log.warn(
      `latchkey: the demo provider's saved state could not be used (${problem}); it starts over, so demo sign-ins remembered before need a new sign-in`,
    );
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
