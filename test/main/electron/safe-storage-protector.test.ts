import { describe, expect, it, vi } from 'vitest';

// Thin stand-in for Electron's safeStorage; the keychain itself cannot run here.
const state = { backend: 'gnome_libsecret', available: true };
vi.mock('electron', () => ({
  safeStorage: {
    getSelectedStorageBackend: () => state.backend,
    // Only the asynchronous calls: the synchronous ones are deprecated in Electron 45 and must not be used.
    isAsyncEncryptionAvailable: async () => state.available,
    encryptStringAsync: async (s: string) => Buffer.from(`enc:${s}`),
    decryptStringAsync: async (b: Buffer) => ({
      result: b.toString().replace(/^enc:/, ''),
      shouldReEncrypt: false,
    }),
  },
}));

const { SafeStorageProtector, protectionLevelOf } =
  await import('../../../src/main/electron/safe-storage-protector.ts');

describe('SafeStorageProtector', () => {
  it('treats a real keyring as the OS keychain and basic_text as weak', () => {
    expect(protectionLevelOf('gnome_libsecret')).toBe('os-keychain');
    expect(protectionLevelOf('kwallet6')).toBe('os-keychain');
    expect(protectionLevelOf('basic_text')).toBe('weak');
    expect(protectionLevelOf('unknown')).toBe('weak');
  });

  it('wraps and unwraps a key through safeStorage, and reports the backend in use', async () => {
    const p = new SafeStorageProtector();
    if (process.platform === 'linux') expect(p.backend).toBe('gnome_libsecret');
    const key = Buffer.alloc(32, 9);
    expect((await p.unprotect(await p.protect(key))).equals(key)).toBe(true);
    state.available = false;
    expect(await p.available()).toBe(false);
  });
});

describe('SafeStorageProtector and replay resistance', () => {
  it('keeps the latest vault generation beside the vault, so an older vault.json put back is refused', async () => {
    const { tempDir } = await import('../../helpers/temp-dir.ts');
    const { TokenVault } = await import('../../../src/main/vault/token-vault.ts');
    const { rememberedSession } = await import('../../helpers/remembered-session.ts');
    const { copyFileSync } = await import('node:fs');
    const path = await import('node:path');
    state.available = true;
    const dir = tempDir('safe-storage-replay');
    const quiet = { warn() {}, error() {} };
    const v = await TokenVault.open({ dir, protector: new SafeStorageProtector(dir), log: quiet });
    await v.save(rememberedSession('corp'));
    copyFileSync(path.join(dir, 'vault.json'), path.join(dir, 'copy'));
    // "Forget all": the key the copy holds still unwraps through the keychain, so only the generation refuses it.
    await v.clear();
    await v.close();
    copyFileSync(path.join(dir, 'copy'), path.join(dir, 'vault.json'));
    const again = await TokenVault.open({ dir, protector: new SafeStorageProtector(dir), log: quiet });
    expect(await again.load()).toEqual([]);
    expect(again.status().notes[0]?.reason).toContain('older than the last one saved on this computer');
    await again.close();
  });
});
