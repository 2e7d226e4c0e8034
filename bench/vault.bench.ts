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
import { accountIdOf } from '../src/main/auth/account-id.ts';
import { bindingOf } from '../src/main/auth/providers/flow-options.ts';
import type { ProviderSettings } from '../src/main/auth/config/types.ts';
import { row, type BenchRow } from './lib.ts';
import { instantKeychain, PROVIDER, restoreOnce } from './restore-child.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A vault with `count` remembered accounts of the bench provider, as sign-ins leave it. */
async function rememberedVault(count: number): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'latchkey-bench-vault-'));
  const vault = await TokenVault.open({ dir, protector: instantKeychain, log: { warn() {}, error() {} } });
  for (let i = 0; i < count; i++) {
    const sub = i === 0 ? 'ada' : `user${i}`;
    await vault.save({
      providerId: 'corp',
      accountId: accountIdOf('corp', sub),
      activeAt: i === 0 ? Date.now() : undefined,
      binding: bindingOf({ ...PROVIDER } as unknown as ProviderSettings),
      tokens: { ...TOKENS, idTokenClaims: { sub, name: `User ${i}` } },
      user: { id: sub, name: `User ${i}`, email: `${sub}@example.test` },
      groups: [{ id: 'admins', name: 'admins' }],
      signedInAt: Date.now(),
      fetchUser: false,
      fetchGroups: false,
    });
  }
  await vault.close();
  return dir;
}

/** Restores in a new process each time; only the restore itself is timed, inside it. */
function coldRestores(dir: string, accounts: number, rounds: number, nodeFlags: string[] = []): number[] {
  const times: number[] = [];
  const args = [...nodeFlags, path.join(here, 'restore-child.ts'), dir, String(accounts)];
  for (let i = 0; i < rounds; i++) {
    const out = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    times.push(Number(out.trim()));
  }
  return times;
}

const TOKENS = {
  accessToken: 'a'.repeat(900),
  refreshToken: 'r'.repeat(200),
  idToken: 'i'.repeat(800),
  tokenType: 'bearer',
  expiresAt: Date.now() + 3600_000 * 24,
  issuedAt: Date.now(),
  scopes: ['openid', 'profile', 'email'],
};

export async function run(): Promise<BenchRow[]> {
  const tokens = TOKENS;
  const dir = await rememberedVault(1);
  const cold = coldRestores(dir, 1, 15);
  const warm: number[] = [];
  for (let i = 0; i < 60; i++) warm.push(await restoreOnce(dir));
  const five = coldRestores(await rememberedVault(5), 5, 15).map((ms) => ms / 5);
  // What is left of a cold restore once V8 compiles no function on its first call: everything is compiled as
  // the child loads it (--no-lazy), before the timed part. The difference is first-call compilation.
  const compiledAhead = coldRestores(dir, 1, 15, ['--no-lazy']);
  // The least any restore does in a new process (read, AES-GCM, parse), to see how much is ours.
  const bare: number[] = [];
  for (let i = 0; i < 15; i++)
    bare.push(
      Number(
        execFileSync(process.execPath, [path.join(here, 'bare-restore-child.ts'), dir], {
          encoding: 'utf8',
          env: { ...process.env, NODE_NO_WARNINGS: '1' },
        }).trim(),
      ),
    );

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
      name: 'restore, cold, beside the bare minimum (read vault.json, AES-GCM open, parse; no lock, checks or session)',
      value: median(cold),
      unit: 'ms',
      baseline: { name: 'bare-restore-child.ts, cold', value: median(bare) },
    }),
    row({
      group: 'remember me',
      name: 'restore, cold, with every function compiled before the timed part (child run with --no-lazy): the cold restore less V8 compiling the restore path on first call',
      value: median(compiledAhead),
      unit: 'ms',
      baseline: { name: 'restore, cold (as shipped: compiled on first call)', value: median(cold) },
    }),
    row({
      group: 'remember me',
      name: 'restore of 5 remembered accounts, cold (new process), per account',
      value: median(five),
      unit: 'ms',
      baseline,
      target: '≤ 2 ms per account',
      maxValue: 2,
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
