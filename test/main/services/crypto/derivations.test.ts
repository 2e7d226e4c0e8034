/** Key derivations share two of libuv's threads: the real encryptions go through a limiter of two. */
import { afterEach, describe, expect, it, vi } from 'vitest';

// Count the PBKDF2 calls running at once, under the real implementation.
const seen = vi.hoisted(() => ({ running: 0, peak: 0, calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const pbkdf2 = (...args: Parameters<typeof real.pbkdf2>) => {
    const callback = args.pop() as (error: Error | null, key: Buffer) => void;
    seen.calls++;
    seen.running++;
    seen.peak = Math.max(seen.peak, seen.running);
    (real.pbkdf2 as (...a: unknown[]) => void)(...args, (error: Error | null, key: Buffer) => {
      seen.running--;
      callback(error, key);
    });
  };
  return { ...real, default: { ...real, pbkdf2 }, pbkdf2 };
});

const { decrypt, deriveKey, encrypt } =
  await import('../../../../src/main/services/crypto/passphrase-encryption.ts');

afterEach(() => {
  seen.running = 0;
  seen.peak = 0;
  seen.calls = 0;
});

describe('key derivations', () => {
  it('holds the real encryptions to two derivations at a time, and every one completes', async () => {
    const all = await Promise.all(
      Array.from({ length: 6 }, (_, i) => encrypt(`t${i}`, 'p', { iterations: 100_000 })),
    );
    expect(all).toHaveLength(6);
    expect(seen.calls).toBe(6);
    expect(seen.peak).toBe(2);
    await expect(decrypt(all[3]!, 'p', 100_000)).resolves.toBe('t3');
  });

  it('cancels a queued derivation before it starts with a typed error; the others still run', async () => {
    const controller = new AbortController();
    const salt = new Uint8Array(16);
    const first = deriveKey('a', salt, 100_000);
    const second = deriveKey('b', salt, 100_000);
    const queued = deriveKey('c', salt, 100_000, controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'cancelled' });
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(seen.calls).toBe(2);
  });
});
