/**
 * One restore, timed from opening the vault service to the "signed in" event (taken as it is emitted), in a
 * freshly started process (cold: the first restore there, after the host's other services started as they do in the app). The key protector returns the key as is: the keychain call is not part of the measure.
 * Prints the milliseconds until every remembered account is signed in. Usage: node bench/restore-child.ts DIR [ACCOUNTS]
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRuntime } from '../src/main/auth/providers/index.ts';
import { ClientStorage } from '../src/main/services/storage/client-storage.ts';
import { SignInService } from '../src/main/auth/sign-in-service.ts';
import type { KeyProtector } from '../src/main/vault/key-protector.ts';
import { TokenVault } from '../src/main/vault/token-vault.ts';

// Nothing listens there: discovery fails at once, and the network is not part of what is measured.
export const PROVIDER = {
  type: 'oidc',
  id: 'corp',
  name: 'Corp',
  issuer: 'http://127.0.0.1:9',
  allowInsecureHttp: true,
  clientId: 'bench',
} as const;

/** Stands in for the OS keychain, minus its cost. */
export const instantKeychain: KeyProtector = {
  backend: 'bench-keychain',
  level: 'os-keychain',
  available: async () => true,
  protect: async (key) => Buffer.from(key),
  unprotect: async (blob) => Buffer.from(blob),
};

const quiet = { warn() {}, error() {} };

export async function restoreOnce(
  dir: string,
  startOtherServices: () => Promise<unknown> = async () => {},
  accounts = 1,
): Promise<number> {
  // The host has built its sign-in service (and opened client storage) before the vault service starts.
  const settings = { ...PROVIDER, name: 'Corp' };
  const runtime = createRuntime(settings, { demoIssuer: async () => '', demoClientId: '' });
  const service = new SignInService({ providers: [settings], problems: [], source: null }, [runtime], {
    openExternal: async () => false,
    bringToFront: () => {},
    // Timed at the event itself, as it leaves for the window: work queued behind it is not part of the wait.
    emit: (name) => {
      if (name === 'auth.signedIn' && ++restored === accounts) signedIn(process.hrtime.bigint());
    },
    now: () => Date.now(),
    log: quiet,
  });
  let signedIn!: (at: bigint) => void;
  let restored = 0;
  const done = new Promise<bigint>((r) => (signedIn = r));
  await startOtherServices();
  // In the app the provider's metadata request went out long before the first window showed; let it finish.
  await runtime.supportsDevice().catch(() => false);
  const start = process.hrtime.bigint();
  const vault = await TokenVault.open({ dir, protector: instantKeychain, log: quiet });
  service.attachVault(vault);
  await service.restore();
  const ms = Number((await done) - start) / 1e6;
  service.close();
  await vault.close();
  return ms;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2]!;
  // Start like the host does: sign-in service, then client storage, then the vault (cold: the first restore
  // in this process). Provider discovery runs in the background meanwhile, as in the app.
  let store: ClientStorage | null = null;
  const ms = await restoreOnce(
    dir,
    async () => {
      store = await ClientStorage.open({
        dir: await mkdtemp(path.join(os.tmpdir(), 'latchkey-bench-cs-')),
        log: quiet,
      });
    },
    Number(process.argv[3] ?? 1),
  );
  console.log(ms.toFixed(4));
  await (store as ClientStorage | null)?.close();
  process.exit(0);
}
