/**
 * The custom-scheme redirect (RFC 8252 section 7.1) in the desktop app, for networks where the browser
 * cannot reach a loopback port: a provider set to `"redirect": "scheme"` sends the browser to
 * `dev.latchkey.app:/callback/<id>`, and the operating system hands that address to the app as a second
 * launch's argument, which the thin Electron stand-in delivers here. A real OpenID provider on 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { oidcEntry, startTestIdp } from '../../helpers/idp.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

const idp = await startTestIdp();
const dir = tempDir('electron-scheme');
const providers = path.join(dir, 'providers.json');
writeFileSync(providers, JSON.stringify({ providers: [oidcEntry(idp, { redirect: 'scheme' })] }));
electron.app.userData = path.join(dir, 'data');
delete process.env.ELECTRON_RENDERER_URL;
process.env.LATCHKEY_PROVIDERS = providers;
const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
const main = await import('../../../src/main/electron/main.ts');
electron.app.readyResolve?.();
await main.started;
delete process.env.LATCHKEY_PROVIDERS;

const call = (name: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    { senderFrame: { url: 'app://latchkey/index.html', parent: null }, sender: { id: 1 } },
    ...args,
  ) as Promise<{ ok: boolean; value?: unknown }>;
const status = async () =>
  ((await call('auth.providers')).value as { providers: Array<{ state: { status: string } }> }).providers[0]!
    .state.status;
/** What Windows and Linux do with a link to the app's scheme: start the app again with it as an argument. */
const secondLaunch = (url: string) =>
  electron.app.emit('second-instance', { preventDefault() {} }, ['/opt/Latchkey/latchkey', url], '/');

afterAll(async () => {
  warn.mockRestore();
  await idp.close();
});

describe('the custom-scheme redirect', () => {
  it('asks the provider to redirect to the app scheme, ignores a redirect with another state, and signs in with the real one', async () => {
    const started = await call('auth.signIn', 'corp', {});
    const { authorizationUrl } = started.value as { authorizationUrl: string };
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(
      'dev.latchkey.app:/callback/corp',
    );
    const redirect = await approveOverHttp(authorizationUrl);
    expect(redirect).toMatch(/^dev\.latchkey\.app:\/callback\/corp\?/);

    const forged = new URL(redirect);
    forged.searchParams.set('state', 'someone-elses');
    secondLaunch(forged.href);
    expect(await status()).toBe('pending');
    const said = warn.mock.calls.map((c) => String(c[0])).find((l) => l.includes('sign-in redirect ignored'));
    expect(said).toBeDefined();
    expect(said).not.toContain('code=');

    secondLaunch(redirect);
    await vi.waitFor(async () => expect(await status()).toBe('signedIn'), { timeout: 10_000 });
    expect(idp.grants.authorization_code).toBe(1);
  });
});
