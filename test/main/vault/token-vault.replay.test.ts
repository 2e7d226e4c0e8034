/**
 * Replay resistance: a vault.json put back from an older copy (after a sign-out, or after "Forget all") is
 * refused with a note, an entry taken from another copy is dropped alone, and files written before
 * generations were kept still open. Real files, the real key-file protector.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { seal } from '../../../src/main/vault/vault-crypto.ts';
import { rememberedSession } from '../../helpers/remembered-session.ts';
import { closeVault, openVault } from '../../helpers/key-file-vault.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const ids = (sessions: Array<{ providerId: string }>) => sessions.map((s) => s.providerId).sort();

describe('vault replay', () => {
  it('refuses an older vault.json put back after a sign-out, with a note, and keeps it aside', async () => {
    const dir = tempDir('vault-replay');
    const file = path.join(dir, 'vault.json');
    const v = await openVault(dir);
    await v.save(rememberedSession('corp'));
    copyFileSync(file, path.join(dir, 'copy'));
    await v.remove('corp'); // signed out: the provider revoked that token
    await closeVault(v);
    copyFileSync(path.join(dir, 'copy'), file);

    const again = await openVault(dir);
    expect(await again.load()).toEqual([]);
    const [note] = again.status().notes;
    expect(note?.reason).toContain('older than the last one saved on this computer');
    expect(path.basename(note!.movedTo!)).toMatch(/^vault\.older-.*\.json$/);
    expect(readFileSync(note!.movedTo!)).toEqual(readFileSync(path.join(dir, 'copy')));
    // And it stays refused: the next launch does not take it either.
    await closeVault(again);
    copyFileSync(path.join(dir, 'copy'), file);
    expect(await (await openVault(dir)).load()).toEqual([]);
  });

  it('after "Forget all", an old copy no longer decrypts', async () => {
    const dir = tempDir('vault-replay-forget');
    const file = path.join(dir, 'vault.json');
    const v = await openVault(dir);
    await v.save(rememberedSession('corp'));
    const keyBefore = readFileSync(path.join(dir, 'vault.key'));
    copyFileSync(file, path.join(dir, 'copy'));
    await v.clear();
    await v.save(rememberedSession('other'));
    expect(readFileSync(path.join(dir, 'vault.key')).subarray(0, 32)).not.toEqual(keyBefore.subarray(0, 32));
    await closeVault(v);
    copyFileSync(path.join(dir, 'copy'), file);
    const again = await openVault(dir);
    expect(await again.load()).toEqual([]);
    expect(again.status().notes).toHaveLength(1);
  });

  it('drops an entry taken from an older copy, and restores the others', async () => {
    const dir = tempDir('vault-replay-entry');
    const file = path.join(dir, 'vault.json');
    const v = await openVault(dir);
    await v.save(rememberedSession('corp'));
    const old = JSON.parse(readFileSync(file, 'utf8'));
    await v.save(rememberedSession('github'));
    await v.remove('corp');
    await closeVault(v);
    const now = JSON.parse(readFileSync(file, 'utf8'));
    now.entries.corp = old.entries.corp;
    writeFileSync(file, JSON.stringify(now), { mode: 0o600 });
    const again = await openVault(dir);
    expect(ids(await again.load())).toEqual(['github']);
    expect(again.status().notes[0]?.reason).toContain('"corp"');
  });

  it('an older copy with its generation edited upward decrypts nothing', async () => {
    const dir = tempDir('vault-replay-edited');
    const file = path.join(dir, 'vault.json');
    const v = await openVault(dir);
    await v.save(rememberedSession('corp'));
    const old = JSON.parse(readFileSync(file, 'utf8'));
    await v.remove('corp');
    await closeVault(v);
    old.integrity.generation = 1000;
    writeFileSync(file, JSON.stringify(old), { mode: 0o600 });
    expect(await (await openVault(dir)).load()).toEqual([]);
  });

  it('opens a vault written before generations were kept, and adds them at the next write', async () => {
    const dir = tempDir('vault-migrate');
    const key = Buffer.alloc(32, 7);
    const protector = new KeyFileProtector(dir);
    // The old layout: a 32-byte vault.key, and a vault.json with no integrity field.
    const wrapped = await protector.protect(key);
    expect(statSync(path.join(dir, 'vault.key')).size).toBe(32);
    const corp = rememberedSession('corp');
    writeFileSync(
      path.join(dir, 'vault.json'),
      JSON.stringify({
        format: 'latchkey-vault',
        version: 1,
        backend: 'key-file',
        key: wrapped.toString('base64'),
        settings: { allowWeakProtection: false },
        entries: { corp: seal(key, 'corp', JSON.stringify(corp)) },
      }),
      { mode: 0o600 },
    );
    const v = await openVault(dir);
    expect(ids(await v.load())).toEqual(['corp']);
    await v.save(rememberedSession('github'));
    expect(JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8')).integrity.generation).toBe(1);
    expect(statSync(path.join(dir, 'vault.key')).size).toBe(40);
    await closeVault(v);
    expect(ids(await (await openVault(dir)).load())).toEqual(['corp', 'github']);
  });
});

describe('vault sizes', () => {
  it('keeps at most 20 notes and counts the rest', async () => {
    const dir = tempDir('vault-notes');
    const file = path.join(dir, 'vault.json');
    const v = await openVault(dir);
    await v.save(rememberedSession('corp'));
    await closeVault(v);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (let i = 0; i < 200; i++) data.entries[`junk${i}`] = data.entries.corp;
    writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
    const again = await openVault(dir);
    expect(ids(await again.load())).toEqual(['corp']);
    expect(again.status().notes).toHaveLength(20);
    expect(again.status().notesOmitted).toBe(180);
  });

  it('caps profile fields before they reach the vault: a 50 MB name does not make a 50 MB file', async () => {
    const dir = tempDir('vault-profile');
    const v = await openVault(dir);
    const huge = rememberedSession('corp');
    huge.user = { id: 'ada', name: 'n'.repeat(50 * 1024 * 1024), email: 'ada@example.test' };
    await v.save(huge);
    expect(statSync(path.join(dir, 'vault.json')).size).toBeLessThan(64 * 1024);
    await closeVault(v);
    const [back] = await (await openVault(dir)).load();
    expect(back!.user!.name!.length).toBe(1024);
    expect(back!.user!.email).toBe('ada@example.test');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
