import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../src/main/auth/providers/types.ts';
import {
  KeyFileProtector,
  type KeyProtector,
  type ProtectionLevel,
} from '../../../src/main/vault/key-protector.ts';
import { TokenVault, type RememberedSession } from '../../../src/main/vault/token-vault.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const quiet = { warn() {}, error() {} };
const vaults: TokenVault[] = [];
afterEach(async () => {
  for (const v of vaults.splice(0)) await v.close();
});

async function openVault(dir: string, protector: KeyProtector = new KeyFileProtector(dir)) {
  const v = await TokenVault.open({
    dir,
    protector,
    log: quiet,
    now: () => new Date('2026-03-04T05:06:07.000Z'),
  });
  vaults.push(v);
  return v;
}
const reopen = async (dir: string, v: TokenVault, protector?: KeyProtector) => {
  await v.close();
  vaults.splice(vaults.indexOf(v), 1);
  return openVault(dir, protector);
};

const tokens = (n: string): TokenSet => ({
  accessToken: `access-token-${n}-0123456789abcdef`,
  refreshToken: `refresh-token-${n}-fedcba9876543210`,
  idToken: `id.token.${n}`,
  tokenType: 'bearer',
  expiresAt: 1_900_000_000_000,
  issuedAt: 1_800_000_000_000,
  scopes: ['openid', 'profile'],
  idTokenClaims: { sub: n },
});
const session = (id: string, n = id): RememberedSession => ({
  providerId: id,
  binding: `["oidc","client-${id}"]`,
  tokens: tokens(n),
  user: { id: n, name: `User ${n}`, email: `${n}@example.test` },
  groups: [{ id: 'g1', name: 'g1' }],
  signedInAt: 1_800_000_000_000,
  fetchUser: true,
  fetchGroups: true,
});

/** A protector with a chosen backend name and level, standing in for Electron's safeStorage variants. */
function fakeKeychain(backend: string, level: ProtectionLevel, available = true): KeyProtector {
  const mask = Buffer.alloc(32, backend.length);
  return {
    backend,
    level,
    available: async () => available,
    protect: async (key) => Buffer.from(key.map((b, i) => b ^ mask[i]!)),
    unprotect: async (blob) => Buffer.from(blob.map((b, i) => b ^ mask[i]!)),
  };
}

describe('TokenVault', () => {
  it('round-trips remembered sessions across a reopen', async () => {
    const dir = tempDir();
    let v = await openVault(dir);
    await v.save(session('corp'));
    await v.save(session('github'));
    await v.remove('github');
    v = await reopen(dir, v);
    expect(await v.load()).toEqual([session('corp')]);
    expect(v.status()).toMatchObject({
      backend: 'key-file',
      level: 'key-file',
      canRemember: true,
      remembered: ['corp'],
    });
  });

  it('writes no token, secret or profile in clear: checked byte for byte', async () => {
    const dir = tempDir();
    const v = await openVault(dir);
    const s = session('corp', 'ada');
    await v.save(s);
    const bytes = await readFile(path.join(dir, 'vault.json'));
    for (const secret of [
      s.tokens.accessToken,
      s.tokens.refreshToken!,
      s.tokens.idToken!,
      'ada@example.test',
      'User ada',
    ]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64').slice(0, 16)))).toBe(false);
    }
    const { stat } = await import('node:fs/promises');
    if (process.platform !== 'win32') {
      expect((await stat(path.join(dir, 'vault.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dir, 'vault.key'))).mode & 0o777).toBe(0o600);
    }
  });

  it.each([
    ['corrupt', '{"format": "latchkey-vault", broken'],
    ['truncated', '{"format":"latchkey-vault","version":1,"backend":"key-file","key":"abc'],
    ['not a vault', '{"hello": "world"}'],
  ])(
    'a %s file is moved aside with a timestamped name; the app starts signed out and says so',
    async (_kind, content) => {
      const dir = tempDir();
      await writeFile(path.join(dir, 'vault.json'), content);
      const v = await openVault(dir);
      expect(await v.load()).toEqual([]);
      const note = v.status().notes[0]!;
      expect(note.reason).toContain('damaged');
      expect(path.basename(note.movedTo!)).toBe('vault.unreadable-2026-03-04T05-06-07-000Z.json');
      expect(await readFile(note.movedTo!, 'utf8')).toBe(content);
      await v.save(session('corp'));
      expect((await readdir(dir)).filter((f) => f.startsWith('vault'))).toEqual(
        expect.arrayContaining(['vault.json', 'vault.key', 'vault.unreadable-2026-03-04T05-06-07-000Z.json']),
      );
    },
  );

  it('a wrong key (the key file replaced) makes the vault unreadable, not a crash', async () => {
    const dir = tempDir();
    const v = await openVault(dir);
    await v.save(session('corp'));
    await v.close();
    vaults.pop();
    await writeFile(path.join(dir, 'vault.key'), Buffer.alloc(32, 7));
    const again = await openVault(dir);
    expect(await again.load()).toEqual([]);
    expect(again.status().notes[0]!.reason).toContain('could not be unlocked');
  });

  it('one entry that fails to decrypt is dropped; the others restore', async () => {
    const dir = tempDir();
    let v = await openVault(dir);
    await v.save(session('corp'));
    await v.save(session('github'));
    await v.close();
    vaults.pop();
    const file = JSON.parse(await readFile(path.join(dir, 'vault.json'), 'utf8')) as {
      entries: Record<string, { data: string }>;
    };
    // Swap the github entry's ciphertext for corp's: authenticated encryption binds each entry to its provider.
    file.entries.github = file.entries.corp!;
    await writeFile(path.join(dir, 'vault.json'), JSON.stringify(file));
    v = await openVault(dir);
    expect((await v.load()).map((s) => s.providerId)).toEqual(['corp']);
    expect(v.status().notes[0]!.reason).toContain('"github"');
    expect(v.status().remembered).toEqual(['corp']);
  });

  it('a changed key store is "vault unreadable", not a crash', async () => {
    const dir = tempDir();
    let v = await openVault(dir, fakeKeychain('gnome_libsecret', 'os-keychain'));
    await v.save(session('corp'));
    v = await reopen(dir, v, fakeKeychain('kwallet5', 'os-keychain'));
    expect(await v.load()).toEqual([]);
    expect(v.status().notes[0]!.reason).toContain('changed from "gnome_libsecret" to "kwallet5"');
  });

  it('a missing keychain keeps the file, restores nothing, and refuses new entries with the reason', async () => {
    const dir = tempDir();
    let v = await openVault(dir, fakeKeychain('keychain', 'os-keychain'));
    await v.save(session('corp'));
    v = await reopen(dir, v, fakeKeychain('keychain', 'os-keychain', false));
    expect(await v.load()).toEqual([]);
    expect(v.status()).toMatchObject({
      canRemember: false,
      whyNot: expect.stringContaining('no OS keychain'),
      remembered: ['corp'],
    });
    await expect(v.save(session('github'))).rejects.toMatchObject({ code: 'unavailable' });
    v = await reopen(dir, v, fakeKeychain('keychain', 'os-keychain', true));
    expect((await v.load()).map((s) => s.providerId)).toEqual(['corp']);
  });

  it('refuses the Linux basic_text store unless the user allows weaker protection', async () => {
    const dir = tempDir();
    const v = await openVault(dir, fakeKeychain('basic_text', 'weak'));
    await v.load();
    expect(v.status()).toMatchObject({ canRemember: false, whyNot: expect.stringContaining('basic_text') });
    await expect(v.save(session('corp'))).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('basic_text'),
    });
    await v.setAllowWeakProtection(true);
    await v.save(session('corp'));
    expect(v.status()).toMatchObject({ canRemember: true, remembered: ['corp'] });
    // Withdrawing the permission forgets what was kept under it.
    await v.setAllowWeakProtection(false);
    expect(v.status().remembered).toEqual([]);
  });

  it('clear forgets everything, key included', async () => {
    const dir = tempDir();
    let v = await openVault(dir);
    await v.save(session('corp'));
    await v.clear();
    v = await reopen(dir, v);
    expect(await v.load()).toEqual([]);
    const file = JSON.parse(await readFile(path.join(dir, 'vault.json'), 'utf8')) as {
      key: unknown;
      entries: object;
    };
    expect(file).toMatchObject({ key: null, entries: {} });
  });
});
