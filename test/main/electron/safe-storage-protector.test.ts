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
