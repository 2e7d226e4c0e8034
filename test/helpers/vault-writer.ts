/** Child process for the vault SIGKILL test: saves a session over and over, printing `saved N` after each. */
import { KeyFileProtector } from '../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../src/main/vault/token-vault.ts';

const dir = process.argv[2]!;
const vault = await TokenVault.open({
  dir,
  protector: new KeyFileProtector(dir),
  log: { warn() {}, error() {} },
});
await vault.load();
for (let n = 0; ; n++) {
  await vault.save({
    providerId: n % 2 ? 'corp' : 'github',
    binding: 'b',
    tokens: {
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      tokenType: 'bearer',
      issuedAt: n,
      scopes: [],
    },
    user: { id: String(n) },
    groups: null,
    signedInAt: n,
    fetchUser: true,
    fetchGroups: false,
  });
  process.stdout.write(`saved ${n}\n`);
}
