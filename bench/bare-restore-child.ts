/**
 * The least a cold restore has to do, for comparison: in a freshly started process, read vault.json, unwrap
 * nothing (the bench keychain keeps the key as is), open each entry with AES-256-GCM and parse it — written
 * from the file format (README "Remember me"), not with the vault's code. Prints the milliseconds.
 * Usage: node bench/bare-restore-child.ts DIR
 */
import { createDecipheriv } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientStorage } from '../src/main/services/storage/client-storage.ts';

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

const dir = process.argv[2]!;
// The same start as restore-child.ts: client storage opens first, as in the app.
const store = await ClientStorage.open({
  dir: await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-cs-')),
  log: { warn() {}, error() {} },
});
const start = process.hrtime.bigint();
const file = JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8')) as {
  key: string;
  integrity?: { generation: number };
  entries: Record<string, Sealed>;
};
const key = Buffer.from(file.key, 'base64');
const context = file.integrity ? `\0generation ${file.integrity.generation}` : '';
let opened = 0;
for (const [id, entry] of Object.entries(file.entries)) {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(`latchkey-vault:${id}${context}`));
  decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
  const text = Buffer.concat([
    decipher.update(Buffer.from(entry.data, 'base64')),
    decipher.final(),
  ]).toString();
  if ((JSON.parse(text) as { providerId?: string }).providerId) opened++;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (opened !== Object.keys(file.entries).length) throw new Error('bare restore: an entry did not open');
console.log(ms.toFixed(4));
await store.close();
process.exit(0);
