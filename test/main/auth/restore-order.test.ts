/**
 * Restore at launch meets a user who is quicker than the keychain: a sign-in started before the vault opened
 * wins for its provider, and every other remembered sign-in is still restored. Against a real provider.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSettings } from '../../../src/main/auth/config/types.ts';
import { bindingOf } from '../../../src/main/auth/providers/flow-options.ts';
import { KeyFileProtector } from '../../../src/main/vault/key-protector.ts';
import { TokenVault } from '../../../src/main/vault/token-vault.ts';
import { defer, track } from '../../helpers/disposables.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { rememberedSession } from '../../helpers/remembered-session.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

describe('restore at launch', () => {
  it('restores every remembered account beside a sign-in that already started, which goes on', async () => {
    const dir = tempDir('restore-order');
    // Corp's provider is slow to answer discovery: its sign-in is still starting when the vault opens.
    const slow = http.createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    defer(() => {
      slow.closeAllConnections();
      return new Promise((resolve) => slow.close(resolve));
    }, 'the slow provider');
    const slowIssuer = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const entries = [
      oidcEntry({ issuer: slowIssuer }, { id: 'corp' }),
      oidcEntry(idp, { id: 'oidc', name: 'Other' }),
    ];
    const quiet = { warn() {}, error() {} };
    const vault = await TokenVault.open({ dir, protector: new KeyFileProtector(dir), log: quiet });
    for (const entry of entries) {
      const binding = bindingOf(entry as unknown as ProviderSettings);
      const record = rememberedSession(entry.id);
      await vault.save({
        ...record,
        binding,
        tokens: { ...record.tokens, issuedAt: Date.now(), expiresAt: Date.now() + 3600_000 },
        fetchUser: false,
      });
    }
    await vault.close();

    const rec = await signInServiceFor(entries, {}, dir);
    track(rec.service);
    if (rec.vault) track(rec.vault);
    // The user clicked "Sign in with Corp" while the keychain was still being asked.
    const starting = rec.service.signIn('corp').catch((error: unknown) => error);
    await expect(rec.service.restore()).resolves.toBeUndefined();
    const states = Object.fromEntries(rec.service.overview().providers.map((p) => [p.id, p.state.status]));
    // A provider holds several accounts: the remembered one is back, the new sign-in may add another.
    expect(states).toEqual({ corp: 'signedIn', oidc: 'signedIn' });
    // Corp's own sign-in is still the one in flight: the restored account did not replace it.
    expect(rec.service.cancel('corp')).toBe(true);
    void starting; // ends when the slow provider closes after the test
  });
});
