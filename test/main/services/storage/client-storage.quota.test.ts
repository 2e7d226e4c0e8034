/** Client storage has a total quota: a change that would pass it is refused with `too_large` before any write. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { LIMITS } from '../../../../src/shared/limits.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const quiet = { warn: vi.fn(), error: vi.fn() };
const opened: ClientStorage[] = [];
async function openStore(dir: string, extra: Partial<Parameters<typeof ClientStorage.open>[0]> = {}) {
  const store = await ClientStorage.open({ dir, log: quiet, ...extra });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

describe('ClientStorage quota', () => {
  it('is 256 MiB by default', async () => {
    const store = await openStore(tempDir());
    expect(LIMITS.maxClientStorageBytes).toBe(256 * 1024 * 1024);
    expect(store.quotaBytes).toBe(LIMITS.maxClientStorageBytes);
  });

  it('counts the UTF-8 bytes of keys and values, and gives them back on remove and clear', async () => {
    const store = await openStore(tempDir());
    await store.set('ké', 'ü'); // 3 bytes of key, 4 of JSON text ("ü" quoted)
    expect(store.usedBytes).toBe(7);
    await store.set('ké', 1);
    expect(store.usedBytes).toBe(4);
    await store.remove('ké');
    expect(store.usedBytes).toBe(0);
    await store.setMany([
      ['a', 1],
      ['b', 2],
    ]);
    await store.clear();
    expect(store.usedBytes).toBe(0);
  });

  it('refuses a change past the quota with too_large and changes nothing', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { quotaBytes: 1000 });
    await store.set('a', 'x'.repeat(500));
    const refused = store.set('b', 'y'.repeat(500));
    await expect(refused).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('client storage is full'),
      details: { limit: 1000 },
    });
    expect(store.containsKey('b')).toBe(false);
    // Replacing a value with a smaller one, and removing, still work on a full store.
    await store.set('a', 'small');
    await store.set('b', 'y'.repeat(500));
    expect(store.getKeys().sort()).toEqual(['a', 'b']);
  });

  it('counts writes still waiting, so sets made together cannot pass the quota between them', async () => {
    const store = await openStore(tempDir(), { quotaBytes: 1000 });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => store.set(`k${i}`, 'z'.repeat(300))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(store.usedBytes).toBeLessThanOrEqual(1000);
  });

  it('after a restart, a store over its quota loads only what fits, says so, and stays serialisable', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    for (let i = 0; i < 10; i++) await a.set(`k${i}`, 'v'.repeat(200));
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    const b = await openStore(dir, { quotaBytes: 1000 });
    expect(b.usedBytes).toBeLessThanOrEqual(1000);
    expect(b.damage.overQuotaEntries).toBeGreaterThan(0);
    expect(b.recovered[0]?.reason).toContain('past the storage quota skipped');
    expect(JSON.parse(JSON.stringify(b.entries()))).toHaveLength(b.size);
  });
});
