import { afterEach, describe, expect, it } from 'vitest';
import type { UserGroup } from '../../../src/shared/auth-types.ts';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { TokenVault, type RememberedSession } from '../../../src/main/vault/token-vault.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const quiet = { warn() {}, error() {} };
const vaults: TokenVault[] = [];
afterEach(async () => {
  for (const v of vaults.splice(0)) await v.close();
});
const open = async (dir: string) => {
  const v = await TokenVault.open({ dir, protector: new KeyFileProtector(dir), log: quiet });
  vaults.push(v);
  return v;
};

const record = (groups: unknown): RememberedSession => ({
  providerId: 'github',
  binding: '["github","Iv1.test",null,null,null]',
  tokens: {
    accessToken: 'gho_access',
    tokenType: 'bearer',
    issuedAt: 1_800_000_000_000,
    scopes: ['read:org'],
  },
  user: {
    id: '583231',
    name: 'The Octocat',
    claims: { login: 'octocat', company: '@github', plan: { name: 'pro' } },
    claimsCut: { limit: 65536, size: 70000, omitted: ['bio'] },
  },
  groups: groups as UserGroup[] | null,
  signedInAt: 1_800_000_000_000,
  fetchUser: true,
  fetchGroups: true,
});

describe('remembered profiles', () => {
  it('keep user.claims, the cut note and group objects with their fields across a relaunch', async () => {
    const dir = tempDir('vault');
    const groups = [{ id: '1000', name: 'Core', slug: 'core', org: 'octo-org', path: 'octo-org/core' }];
    await (await open(dir)).save(record(groups));
    await vaults.pop()!.close();
    const [restored] = await (await open(dir)).load();
    expect(restored?.user).toEqual(record(groups).user);
    expect(restored?.groups).toEqual(groups);
  });

  it('read an entry saved before groups had fields (plain strings) as groups named by them', async () => {
    const dir = tempDir('vault');
    // What an older Latchkey wrote: the same record with groups as strings.
    await (await open(dir)).save(record(['octo-org/core']));
    await vaults.pop()!.close();
    const [restored] = await (await open(dir)).load();
    expect(restored?.groups).toEqual([{ id: 'octo-org/core', name: 'octo-org/core' }]);
  });
});
