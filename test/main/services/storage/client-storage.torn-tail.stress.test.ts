/** A 200 MB torn tail (a huge write cut off, or garbage appended) is reported with its size and kept aside. */
import { open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

describe('ClientStorage torn tail', () => {
  it('reports a 200 MB torn tail, never drops it silently', async () => {
    const dir = tempDir();
    const quiet = { warn() {}, error() {} };
    const a = await ClientStorage.open({ dir, log: quiet });
    await a.set('kept', 'yes');
    await a.close();
    const journal = path.join(dir, 'client-storage.json.journal');
    const before = (await stat(journal)).size;
    const tail = 200 * 1024 * 1024;
    const handle = await open(journal, 'a');
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < tail / chunk.length; i++) await handle.write(chunk);
    await handle.close();

    const b = await ClientStorage.open({ dir, log: quiet });
    try {
      expect(b.get('kept')).toBe('yes');
      expect(b.damage.tornBytes).toBe(tail);
      expect(b.recovered[0]?.reason).toContain('209,715,200 bytes of an unfinished last line dropped');
      const kept = b.recovered[0]!.movedTo;
      expect((await stat(kept)).size).toBe(before + tail);
      expect((await readFile(journal)).length).toBe(0);
    } finally {
      await b.close();
      await rm(dir, { recursive: true, force: true }); // 400 MB: not left for the next test
    }
  });
});
