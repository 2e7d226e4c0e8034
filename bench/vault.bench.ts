/**
 * Restore on launch beside Flet's pattern for the same token (passphrase-decrypt of the saved token:
 * PBKDF2-HMAC-SHA256, 600,000 iterations, then Fernet), measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decrypt, encrypt } from '../src/main/services/crypto/passphrase-encryption.ts';
import { TokenVault } from '../src/main/vault/token-vault.ts';
import { bindingOf } from '../src/main/auth/providers/flow-options.ts';
import type { ProviderSettings } from '../src/main/auth/config/types.ts';
import { row, type BenchRow } from './lib.ts';
import { instantKeychain, PROVIDER, restoreOnce } from './restore-child.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-vault-'));
  const tokens = {
    accessToken: 'a'.repeat(900),
    refreshToken: 'r'.repeat(200),
    idToken: 'i'.repeat(800),
    tokenType: 'bearer',
    expiresAt: Date.now() + 3600_000 * 24,
    issuedAt: Date.now(),
    scopes: ['openid', 'profile', 'email'],
    idTokenClaims: { sub: 'ada', name: 'Ada Lovelace' },
  };
  const vault = await TokenVault.open({ dir, protector: instantKeychain, log: { warn() {}, error() {} } });
  await vault.save({
    providerId: 'corp',
    binding: bindingOf({ ...PROVIDER } as unknown as ProviderSettings),
    tokens,
    user: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.test' },
    groups: [{ id: 'admins', name: 'admins' }],
    signedInAt: Date.now(),
    fetchUser: false,
    fetchGroups: false,
  });
  await vault.close();

  // Cold: a new process each time; only the restore itself is timed, inside it.
  const cold: number[] = [];
  for (let i = 0; i < 15; i++) {
    const out = execFileSync(process.execPath, [path.join(here, 'restore-child.ts'), dir], {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    cold.push(Number(out.trim()));
  }
  const warm: number[] = [];
  for (let i = 0; i < 60; i++) warm.push(await restoreOnce(dir));

  // Flet: the app saved the token JSON encrypted with a passphrase in client storage.
  const saved = await encrypt(
    JSON.stringify({
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_at: tokens.expiresAt / 1000,
    }),
    'app passphrase',
  );
  const flet: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    JSON.parse(await decrypt(saved, 'app passphrase'));
    flet.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const baseline = { name: "Flet's pattern: PBKDF2 600,000 + Fernet decrypt", value: median(flet) };
  return [
    row({
      group: 'remember me',
      name: 'restore, cold (new process): vault open → "signed in"',
      value: median(cold),
      unit: 'ms',
      baseline,
      target: '≤ 2 ms and ≥ 50× faster',
      maxValue: 2,
      maxRatio: 1 / 50,
    }),
    row({
      group: 'remember me',
      name: 'restore, warm: vault open → "signed in"',
      value: median(warm),
      unit: 'ms',
      baseline,
      target: '≥ 50× faster',
      maxRatio: 1 / 50,
    }),
  ];
}
