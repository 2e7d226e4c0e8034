/** What damaged client-storage files look like through the host API: counts in clientStorage.status. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from '../../src/main/host.ts';
import { createDispatcher } from '../../src/main/ipc/dispatcher.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const hosts: Host[] = [];
const log = { warn: vi.fn(), error: vi.fn() };
async function setup(dataDir: string) {
  const host = await createHost({ transport: 'web', version: 't', dataDir, log });
  hosts.push(host);
  return { host, dispatch: createDispatcher(host.handlers, log), ctx: { clientId: 'c1' } };
}
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('clientStorage.status after damage', () => {
  it('reports a truncated journal with counts, the copy kept, the bytes used and the quota', async () => {
    const dir = tempDir();
    const first = await setup(dir);
    await first.dispatch('clientStorage.set', ['kept', 'yes'], first.ctx);
    await first.dispatch('clientStorage.set', ['cut', 'x'.repeat(40)], first.ctx);
    await hosts.pop()!.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    const whole = await readFile(journal);
    await writeFile(journal, whole.subarray(0, whole.length - 10));

    const { dispatch, ctx } = await setup(dir);
    const answer = (await dispatch('clientStorage.status', [], ctx)) as {
      ok: true;
      value: {
        keys: number;
        damage: Record<string, number>;
        recovered: Array<{ movedTo: string; reason: string; damage: Record<string, number> }>;
        usedBytes: number;
        quotaBytes: number;
      };
    };
    expect(answer.ok).toBe(true);
    const status = answer.value;
    expect(status.keys).toBe(1);
    expect(status.damage.tornBytes).toBeGreaterThan(0);
    expect(status.recovered[0]!.damage.tornBytes).toBe(status.damage.tornBytes);
    expect(status.recovered[0]!.reason).toContain('of an unfinished last line dropped');
    expect(await readFile(status.recovered[0]!.movedTo)).toEqual(whole.subarray(0, whole.length - 10));
    expect(status.usedBytes).toBe('kept'.length + '"yes"'.length);
    expect(status.quotaBytes).toBe(LIMITS.maxClientStorageBytes);
  });
});
