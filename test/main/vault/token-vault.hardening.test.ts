/**
 * The vault on a shared machine and under load: whole operations one at a time, full-length GCM tags, a key
 * file that heals, "forget all" that leaves nothing that decrypts a token, and files another user could
 * have planted or swapped refused.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { rememberedSession } from '../../helpers/remembered-session.ts';
import { closeVault, openVault } from '../../helpers/key-file-vault.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const session = (id: string) => rememberedSession(id);
const asRoot = process.getuid?.() === 0;

describe('vault operations', () => {
  it('keeps all of 50 first saves made at once, in memory and after a restart', async () => {
    const dir = tempDir('vault-race');
    const v = await openVault(dir);
    const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id) => v.save(session(id))));
    expect(v.status().remembered.sort()).toEqual([...ids].sort());
    await closeVault(v);
    const again = await openVault(dir);
    expect((await again.load()).map((s) => s.providerId).sort()).toEqual([...ids].sort());
  });

  it('refuses an entry whose GCM tag was cut to 4 bytes', async () => {
    const dir = tempDir('vault-tag');
    const v = await openVault(dir);
    await v.save(session('corp'));
    await closeVault(v);
    const file = path.join(dir, 'vault.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.entries.corp.tag = Buffer.from(data.entries.corp.tag, 'base64').subarray(0, 4).toString('base64');
    writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
    const again = await openVault(dir);
    expect(await again.load()).toEqual([]);
    expect(again.status().notes.map((n) => n.reason)).toEqual([
      'the remembered sign-in for "corp" could not be decrypted and was dropped',
    ]);
  });

  it('moves a damaged vault.key aside, makes a new one, says once that old sign-ins are unreadable, and remembers again', async () => {
    const dir = tempDir('vault-key');
    const v = await openVault(dir);
    await v.save(session('corp'));
    await closeVault(v);
    writeFileSync(path.join(dir, 'vault.key'), 'not a key', { mode: 0o600 });
    const again = await openVault(dir);
    expect(await again.load()).toEqual([]);
    expect(again.status().notes).toHaveLength(1);
    expect(readdirSync(dir).some((f) => /^vault\.corrupt-.*\.key$/.test(f))).toBe(true);
    await again.save(session('corp'));
    await closeVault(again);
    const third = await openVault(dir);
    expect((await third.load()).map((s) => s.providerId)).toEqual(['corp']);
    expect(third.status().notes).toEqual([]);
  });

  it('forget all leaves no key, no entry and no temporary file that could decrypt a token', async () => {
    const dir = tempDir('vault-forget');
    const v = await openVault(dir);
    await v.save(session('corp'));
    // What an interrupted write of an earlier process leaves behind: a full copy of the vault.
    const old = readFileSync(path.join(dir, 'vault.json'));
    writeFileSync(path.join(dir, `vault.json.tmp-${process.pid}-0`), old, { mode: 0o600 });
    await v.clear();
    expect(existsSync(path.join(dir, 'vault.key'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const data = JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8'));
    expect(data.key).toBeNull();
    expect(data.entries).toEqual({});
  });

  // Not on the restore path (it waits a moment after open), but never after this process has written.
  it('removes temporary files left by an earlier process before its own first write', async () => {
    const dir = tempDir('vault-leftovers');
    const gone = spawnSync('true').pid; // a writer that has ended
    writeFileSync(path.join(dir, `vault.json.tmp-${gone}-leftover`), '{}', { mode: 0o600 });
    const vault = await openVault(dir);
    await vault.save(session('google'));
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8')).entries)).toHaveLength(
      1,
    );
  });

  it('removes them at close when nothing was written', async () => {
    const dir = tempDir('vault-leftovers-close');
    const gone = spawnSync('true').pid;
    writeFileSync(path.join(dir, `vault.json.tmp-${gone}-leftover`), '{}', { mode: 0o600 });
    await closeVault(await openVault(dir));
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('vault files another user could plant or swap', () => {
  it('refuses a vault.json that is a symbolic link', async () => {
    const dir = tempDir('vault-link');
    const elsewhere = path.join(tempDir('elsewhere'), 'x.json');
    writeFileSync(elsewhere, '{}');
    symlinkSync(elsewhere, path.join(dir, 'vault.json'));
    await expect(openVault(dir)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(
        `refusing to use ${path.join(dir, 'vault.json')}: it is a symbolic link`,
      ),
    });
  });

  it('refuses a vault.key writable by others', async () => {
    const dir = tempDir('vault-key-perm');
    const v = await openVault(dir);
    await v.save(session('corp'));
    await closeVault(v);
    chmodSync(path.join(dir, 'vault.key'), 0o666);
    const again = await openVault(dir);
    // The vault reports it cannot unlock; the message names the file and the fix.
    expect(await again.load()).toEqual([]);
    const protector = new KeyFileProtector(dir);
    await expect(protector.unprotect(Buffer.alloc(40))).rejects.toMatchObject({
      message: expect.stringContaining(`chmod 600 '${path.join(dir, 'vault.key')}'`),
    });
  });

  it.runIf(asRoot)('refuses a vault.key owned by another user', async () => {
    const dir = tempDir('vault-key-owner');
    const v = await openVault(dir);
    await v.save(session('corp'));
    await closeVault(v);
    chownSync(path.join(dir, 'vault.key'), 12345, 12345);
    await expect(new KeyFileProtector(dir).unprotect(Buffer.alloc(40))).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('belongs to another user (uid 12345)'),
    });
  });

  it('refuses a data folder that is a symbolic link, or writable by others', async () => {
    const real = tempDir('vault-real');
    const link = path.join(tempDir('vault-parent'), 'data');
    symlinkSync(real, link);
    await expect(openVault(link)).rejects.toMatchObject({
      message: expect.stringContaining('symbolic link'),
    });
    chmodSync(real, 0o777);
    await expect(openVault(real)).rejects.toMatchObject({
      message: expect.stringContaining(`fix: chmod 700 '${real}'`),
    });
  });
});
