import type { BrowserContext } from 'playwright-core';
import { loadProviderConfig } from '../../src/main/auth/config/load.ts';
import { DEMO_CLIENT_ID } from '../../src/main/auth/demo-idp/client-id.ts';
import { createRuntime } from '../../src/main/auth/providers/index.ts';
import { SignInService, type AuthPorts, type SignInOptions } from '../../src/main/auth/sign-in-service.ts';
import type { Events } from '../../src/shared/contract.ts';
import { approveInBrowser } from './idp-browser.ts';
import { approveOverHttp } from './idp-http.ts';
import { KeyFileProtector } from '../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../src/main/vault/token-vault.ts';

export interface Recorded {
  service: SignInService;
  events: Array<{ name: keyof Events; payload: unknown }>;
  /** Resolves with the next event of that name for that provider. */
  next<E extends keyof Events>(name: E, providerId: string): Promise<Events[E]>;
  broughtToFront: number;
  vault?: TokenVault;
}

/** A SignInService from provider entries (as a providers file would give), with recording ports. */
export async function signInServiceFor(
  entries: unknown[],
  overrides: Partial<AuthPorts> = {},
  vaultDir?: string,
  /** How the providers are reached (default: fetch), for a test that changes what a provider answers. */
  fetchImpl?: typeof fetch,
): Promise<Recorded> {
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'latchkey-providers-')), 'providers.json');
  await writeFile(file, JSON.stringify({ providers: entries }));
  const config = await loadProviderConfig({ file, env: {} });
  if (config.problems.length) throw new Error(`bad test config: ${JSON.stringify(config.problems)}`);
  const waiters: Array<{ name: string; providerId: string; resolve: (p: unknown) => void }> = [];
  const rec: Recorded = {
    service: undefined as unknown as SignInService,
    events: [],
    broughtToFront: 0,
    next: (name, providerId) =>
      new Promise((resolve) => waiters.push({ name, providerId, resolve: resolve as (p: unknown) => void })),
  };
  const ports: AuthPorts = {
    openExternal: async () => false,
    bringToFront: () => void rec.broughtToFront++,
    emit: (name, payload) => {
      rec.events.push({ name, payload });
      for (const w of [...waiters]) {
        if (w.name === name && (payload as { providerId?: string }).providerId === w.providerId) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(payload);
        }
      }
    },
    now: () => Date.now(),
    log: { warn() {}, error() {} },
    ...overrides,
  };
  const runtimes = config.providers.map((s) =>
    createRuntime(s, {
      demoIssuer: async () => 'http://127.0.0.1:9',
      demoClientId: DEMO_CLIENT_ID,
      ...(fetchImpl ? { fetchImpl } : {}),
    }),
  );
  rec.service = new SignInService(config, runtimes, ports);
  rec.service.prefetch();
  if (vaultDir) {
    const vault = await TokenVault.open({
      dir: vaultDir,
      protector: new KeyFileProtector(vaultDir),
      log: ports.log,
    });
    rec.service.attachVault(vault);
    rec.vault = vault;
  }
  return rec;
}

/** Signs `providerId` in through the real browser flow (Chromium approves at the provider) and waits for it. */
export async function signInThroughBrowser(
  rec: Recorded,
  context: BrowserContext,
  providerId = 'corp',
): Promise<Events['auth.signedIn']> {
  const done = rec.next('auth.signedIn', providerId);
  const { authorizationUrl } = await rec.service.signIn(providerId);
  await approveInBrowser(context, authorizationUrl);
  return done;
}

/**
 * Signs `providerId` in as `account`, the user's part played over HTTP at the test provider, and resolves
 * with the event that ended it (signed in or failed), the authorization URL and the browser's result page.
 */
export async function signInOverHttp(
  rec: Recorded,
  account: string,
  options: SignInOptions = {},
  providerId = 'corp',
): Promise<{
  ended: Events['auth.signedIn'] | Events['auth.signInFailed'];
  authorizationUrl: string;
  page: string;
}> {
  const ended = Promise.race([
    rec.next('auth.signedIn', providerId),
    rec.next('auth.signInFailed', providerId),
  ]);
  const { authorizationUrl } = await rec.service.signIn(providerId, options);
  const page = await (await fetch(await approveOverHttp(authorizationUrl, account))).text();
  return { ended: await ended, authorizationUrl, page };
}
