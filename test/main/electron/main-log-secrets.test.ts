/**
 * After a whole session — sign-in, refresh, export, encrypt, refused requests — the log file holds no secret
 * (a byte scan of main.log for every token, code, state and passphrase the session handled). One line is
 * logged carelessly on purpose with all of them, to show the redaction step is what keeps them out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

vi.mock('electron', async () => {
  const m = await import('../../helpers/electron-mock.ts');
  return { ...m.electron, default: m.electron };
});

const { electron, BrowserWindowMock } = await import('../../helpers/electron-mock.ts');
const { IPC_CALL_PREFIX } = await import('../../../src/shared/contract-names.ts');

electron.app.userData = tempDir('electron-log-secrets');
electron.app.logs = path.join(tempDir('electron-log-secrets-logs'), 'logs');
delete process.env.ELECTRON_RENDERER_URL;
const main = await import('../../../src/main/electron/main.ts');
electron.app.readyResolve?.();
await main.started;

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const callFrom = (url: string, name: string, ...args: unknown[]) =>
  electron.ipcMain.handlers.get(IPC_CALL_PREFIX + name)!(
    { senderFrame: { url, parent: null }, sender: { id: BrowserWindowMock.all[0]!.webContents.id } },
    ...args,
  ) as Promise<Answer>;
const call = (name: string, ...args: unknown[]) => callFrom('app://latchkey/index.html', name, ...args);

afterAll(() => {
  electron.app.emit('before-quit', { preventDefault() {} });
});

describe('the log file after a full session', () => {
  it('contains none of the secrets the session handled', async () => {
    const quiet = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'info'), vi.spyOn(console, 'error')];
    for (const spy of quiet) spy.mockImplementation(() => undefined);
    // The log file is attached once the first window shows; lines before that are kept for it.
    BrowserWindowMock.all[0]!.emit('ready-to-show');

    // Sign in with the demo provider, playing the browser.
    const started = await call('auth.signIn', 'demo', {});
    const { authorizationUrl } = started.value as { authorizationUrl: string };
    const callback = new URL(await approveOverHttp(authorizationUrl));
    await fetch(callback, { redirect: 'manual' });
    await vi.waitFor(async () =>
      expect((await call('auth.providers')).value).toMatchObject({
        providers: [{ id: 'demo', state: { status: 'signedIn' } }],
      }),
    );
    expect(await call('auth.refresh', 'demo')).toMatchObject({ ok: true });
    const exported = JSON.parse((await call('auth.exportToken', 'demo')).value as string) as {
      access_token: string;
      refresh_token: string;
    };
    const access = ((await call('auth.getAccessToken', 'demo')).value as { accessToken: string }).accessToken;
    const passphrase = 'correct horse battery staple';
    const ciphertext = (await call('crypto.encrypt', 'the plain text', passphrase, {})).value as string;

    // Refused requests: another origin asking for the token, and arguments the contract refuses.
    expect(await callFrom('https://evil.example/', 'auth.exportToken', 'demo')).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await call('crypto.encrypt', 'x', passphrase, { iterations: `${access}` })).toMatchObject({
      error: { code: 'invalid_argument' },
    });
    expect(await call('auth.importToken', 'demo', `{"access_token":"${access}"`, {})).toMatchObject({
      ok: false,
    });

    const secrets: Record<string, string> = {
      'access token': access,
      'exported access token': exported.access_token,
      'refresh token': exported.refresh_token,
      'authorization code': callback.searchParams.get('code')!,
      state: callback.searchParams.get('state')!,
      passphrase,
      ciphertext,
    };
    for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThan(8);

    // A careless line, as a future bug might write one.
    main.log.warn(
      'careless: token response',
      { access_token: access, refresh_token: exported.refresh_token },
      `Authorization: Bearer ${access}`,
      `redirect ${callback.href}`,
      `passphrase=${passphrase}`,
      `encrypted ${ciphertext}`,
    );

    const dir = electron.app.logs;
    await vi.waitFor(() => expect(existsSync(path.join(dir, 'main.log'))).toBe(true));
    const bytes = Buffer.concat(readdirSync(dir).map((f) => readFileSync(path.join(dir, f))));
    const text = bytes.toString('utf8');
    expect(text).toContain('careless: token response');
    expect(text).toContain('refused auth.exportToken');
    for (const [name, value] of Object.entries(secrets)) {
      expect(bytes.includes(Buffer.from(value)), `${name} in the log`).toBe(false);
      expect(bytes.includes(Buffer.from(encodeURIComponent(value))), `${name} (URL-encoded) in the log`).toBe(
        false,
      );
    }
    for (const spy of quiet) spy.mockRestore();
  });
});
