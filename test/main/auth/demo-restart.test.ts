/**
 * The demo provider keeps its promises: a remembered demo sign-in is signed in again after a restart and
 * refreshes for real, because the demo keeps its port, keys and grants in the data folder. Real host, real
 * provider, real Chromium on its login page.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../src/main/host.ts';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../../src/main/vault/token-vault.ts';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { track } from '../../helpers/disposables.ts';
import { approveInBrowser } from '../../helpers/idp-browser.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const quiet = { warn() {}, error() {} };
const start = (dataDir: string) => createHost({ transport: 'web', version: 't', dataDir, log: quiet });

describe('demo provider across a restart', () => {
  it('restores a remembered demo sign-in and refreshes it at the demo provider', async () => {
    const dataDir = tempDir('demo-restart');
    const first = track(await start(dataDir));
    const auth = first.signIn.service;
    const { authorizationUrl } = await auth.signIn('demo', { rememberMe: true });
    const signedIn = new Promise<void>((resolve) =>
      first.events.attach((name) => {
        if (name === 'auth.signedIn') resolve();
      }),
    );
    await approveInBrowser(browser.context, authorizationUrl, { account: 'grace' });
    await signedIn;
    const before = auth.overview().providers[0]!.state as { fingerprint: string };
    await first.close();

    const stateFile = path.join(dataDir, 'demo-idp', 'state.json');
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(stateFile, 'utf8')).toContain('RefreshToken');
    // The demo provider keeps hashes of what it issued, never the tokens themselves.
    const vault = await TokenVault.open({
      dir: dataDir,
      protector: new KeyFileProtector(dataDir),
      log: quiet,
    });
    const [remembered] = await vault.load();
    await vault.close();
    const { accessToken, refreshToken } = remembered!.tokens;
    expect(refreshToken).toBeTruthy();
    expect(readFileSync(stateFile, 'utf8')).not.toContain(accessToken);
    expect(readFileSync(stateFile, 'utf8')).not.toContain(refreshToken);

    const second = track(await start(dataDir));
    const again = second.signIn.service;
    expect(again.overview().providers[0]!.state).toMatchObject({
      status: 'signedIn',
      restored: true,
      user: { id: 'grace' },
    });
    const refreshed = (await again.refresh('demo')) as { status: string; fingerprint: string };
    expect(refreshed.status).toBe('signedIn');
    expect(refreshed.fingerprint).not.toBe(before.fingerprint);
  });
});
