/** Client storage on a shared machine: planted links, foreign files and open folders are refused by name. */
import { chmodSync, chownSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientStorage } from '../../../../src/main/services/storage/client-storage.ts';
import { track } from '../../../helpers/disposables.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

const quiet = { warn() {}, error() {} };
const refused = (dir: string, message: string) =>
  expect(ClientStorage.open({ dir, log: quiet })).rejects.toMatchObject({
    code: 'forbidden',
    message: expect.stringContaining(message),
  });

describe('client storage trusts its data folder as OpenSSH trusts ~/.ssh', () => {
  it('creates a missing data folder private (0700)', async () => {
    const dir = path.join(tempDir('parent'), 'new');
    track(await ClientStorage.open({ dir, log: quiet }));
    const { statSync } = await import('node:fs');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a data folder other users can write to, naming the fix', async () => {
    const dir = tempDir('open');
    chmodSync(dir, 0o775);
    await refused(
      dir,
      `refusing to use ${dir}: other users can write to it (mode 775); fix: chmod 700 '${dir}'`,
    );
  });

  it('refuses a journal planted as a symbolic link, and writes nothing through it', async () => {
    const dir = tempDir('planted');
    const victim = path.join(tempDir('victim'), 'important.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, path.join(dir, 'client-storage.json.journal'));
    await refused(dir, 'client-storage.json.journal: it is a symbolic link');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
  });

  it.runIf(process.getuid?.() === 0)('refuses a store file owned by another user', async () => {
    const dir = tempDir('foreign');
    writeFileSync(path.join(dir, 'client-storage.json'), '{}', { mode: 0o600 });
    chownSync(path.join(dir, 'client-storage.json'), 12345, 12345);
    await refused(dir, 'belongs to another user (uid 12345)');
  });

  it.runIf(process.getuid?.() === 0)('refuses a data folder owned by another user', async () => {
    const dir = tempDir('foreign-dir');
    chownSync(dir, 12345, 12345);
    await refused(dir, `refusing to use ${dir}: it belongs to another user (uid 12345)`);
  });
});
