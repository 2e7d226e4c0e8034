/**
 * Vaults over a key-file protector (web mode's key store) in a test's folder. Importing this module registers
 * one `afterEach` for the test file that closes every vault still open, pass or fail; `closeVault` closes one
 * on the spot (to reopen its folder, say) and takes it off that list.
 */
import { afterEach } from 'vitest';
import { KeyFileProtector } from '../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../src/main/vault/token-vault.ts';

const quiet = { warn() {}, error() {} };
const open: TokenVault[] = [];

afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

export async function openVault(dir: string): Promise<TokenVault> {
  const v = await TokenVault.open({ dir, protector: new KeyFileProtector(dir), log: quiet });
  open.push(v);
  return v;
}

export async function closeVault(v: TokenVault): Promise<void> {
  open.splice(open.indexOf(v), 1);
  await v.close();
}
