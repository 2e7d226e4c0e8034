/** The vault on a full disk (a real tmpfs filled to the brim, as root as in CI): nothing changes, then it recovers. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../../src/main/vault/token-vault.ts';
import { defer, track } from '../../helpers/disposables.ts';
import { rememberedSession } from '../../helpers/remembered-session.ts';
import { canMountTmpfs, smallDisk } from '../../helpers/small-disk.ts';

const quiet = { warn() {}, error() {} };

// Large enough that a save needs a new page on the full disk.
const session = (id: string) => rememberedSession(id, 'a'.repeat(3000));

describe.runIf(canMountTmpfs)('vault on a full disk', () => {
  it('a save that cannot be written changes nothing, in memory or on disk, and works once there is room', async () => {
    const disk = smallDisk(256 * 1024);
    defer(() => disk.unmount(), 'the small disk');
    const vault = track(
      await TokenVault.open({
        dir: disk.dir,
        protector: new KeyFileProtector(disk.dir),
        log: quiet,
      }),
    );
    await vault.save(session('first'));
    const onDisk = readFileSync(path.join(disk.dir, 'vault.json'), 'utf8');
    await disk.fill();

    await expect(vault.save(session('second'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(vault.status().remembered).toEqual(['first']);
    expect(readFileSync(path.join(disk.dir, 'vault.json'), 'utf8')).toBe(onDisk);
    expect(readdirSync(disk.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);

    await disk.free();
    await vault.save(session('second'));
    expect(vault.status().remembered.sort()).toEqual(['first', 'second']);
    await vault.close();
    const again = track(
      await TokenVault.open({
        dir: disk.dir,
        protector: new KeyFileProtector(disk.dir),
        log: quiet,
      }),
    );
    expect((await again.load()).map((s) => s.providerId).sort()).toEqual(['first', 'second']);
  });
});
