/**
 * The desktop app reaches providers through Electron's net.fetch (Chromium's network stack, so the system
 * proxy, PAC and the OS certificate store apply), never through Node's fetch: a whole sign-in with the demo
 * provider, then an authenticated request, under the thin Electron stand-in that records net.fetch.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-network');
delete process.env.ELECTRON_RENDERER_URL;
const nodeFetch = vi.spyOn(globalThis, 'fetch');
const main = await import('../../../src/main/electron/main.ts');
electron.app.readyResolve?.();
await main.started;

const call = (name: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    { senderFrame: { url: 'app://latchkey/index.html', parent: null }, sender: { id: 1 } },
    ...args,
  ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

afterAll(async () => {
  electron.app.emit('before-quit', { preventDefault() {} });
  nodeFetch.mockRestore();
});

describe('the desktop network stack', () => {
  it('sends discovery, the token request, userinfo and API calls through net.fetch only', async () => {
    const started = await call('auth.signIn', 'demo', {});
    expect(started).toMatchObject({ ok: true });
    const { authorizationUrl } = started.value as { authorizationUrl: string };
    const issuer = new URL(authorizationUrl).origin;
    const providerCallsByNode = () =>
      nodeFetch.mock.calls.filter(([input]) =>
        String(input instanceof Request ? input.url : input).startsWith(issuer),
      );
    // The test plays the browser with Node's fetch; only what the host itself sends counts below.
    const before = nodeFetch.mock.calls.length;
    const callback = await approveOverHttp(authorizationUrl);
    await fetch(callback, { redirect: 'manual' }); // the browser lands on the loopback redirect
    await vi.waitFor(async () => {
      const overview = await call('auth.providers');
      expect(overview.value).toMatchObject({ providers: [{ id: 'demo', state: { status: 'signedIn' } }] });
    });
    const browserCalls = nodeFetch.mock.calls.length - before;
    expect(browserCalls).toBeGreaterThan(0);

    const answer = await call('auth.request', 'demo', { url: `${issuer}/me` });
    expect(answer).toMatchObject({ ok: true, value: { status: 200 } });

    const sent = electron.net.requests.map((u) => new URL(u).pathname);
    expect(sent).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/token', '/me']));
    // Every request Node's fetch made to the provider was the browser's (the test's), none the host's.
    const hostPaths = new Set(['/.well-known/openid-configuration', '/token', '/jwks']);
    expect(providerCallsByNode().filter(([input]) => hostPaths.has(new URL(String(input)).pathname))).toEqual(
      [],
    );
  });

  it('has every session look at its expiry again when the machine resumes or the screen is unlocked', async () => {
    const { SignInService } = await import('../../../src/main/auth/sign-in-service.ts');
    const wake = vi.spyOn(SignInService.prototype, 'wake');
    // The first window has shown: background work starts (the power hooks among it).
    BrowserWindowMock.all[0]!.emit('ready-to-show');
    await new Promise((resolve) => setImmediate(resolve));
    electron.powerMonitor.emit('resume');
    electron.powerMonitor.emit('unlock-screen');
    expect(wake).toHaveBeenCalledTimes(2);
    wake.mockRestore();
  });
});
