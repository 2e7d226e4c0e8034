/**
 * Revalidating a remembered sign-in at launch, against a real OpenID provider: a token the provider revoked
 * is said plainly (not taken for "offline"); a provider that is down keeps the cached sign-in quietly.
 */
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../e2e/helpers/browser.ts';
import { track } from '../../helpers/disposables.ts';
import { NATIVE_CLIENT, oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor, signInThroughBrowser, type Recorded } from '../../helpers/sign-in.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let idp: TestIdp;
let browser: LaunchedBrowser;
beforeAll(async () => {
  idp = await startTestIdp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

async function signInAndRelaunch(
  dir: string,
  provider: TestIdp = idp,
): Promise<{ accessToken: string; relaunched: Recorded; warn: ReturnType<typeof vi.fn> }> {
  const entry = oidcEntry(provider);
  const first = await signInServiceFor([entry], {}, dir);
  track(first.service);
  await signInThroughBrowser(first, browser.context);
  const { accessToken } = await first.service.accessToken('corp');
  first.service.close();
  await first.vault?.close();
  const warn = vi.fn();
  const relaunched = await signInServiceFor([entry], { log: { warn, error: vi.fn() } }, dir);
  track(relaunched.service);
  if (relaunched.vault) track(relaunched.vault);
  return { accessToken, relaunched, warn };
}

describe('revalidating a remembered sign-in', () => {
  it('says plainly that the provider no longer accepts a revoked token, with its reason', async () => {
    const { accessToken, relaunched } = await signInAndRelaunch(tempDir('revalidate-revoked'));
    // The provider revokes the access token (RFC 7009) while the app is closed.
    const config = await client.discovery(new URL(idp.issuer), NATIVE_CLIENT, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    await client.tokenRevocation(config, accessToken, { token_type_hint: 'access_token' });

    const changed = relaunched.next('auth.changed', 'corp');
    await relaunched.service.restore();
    await changed; // shown at once from the vault
    await vi.waitFor(() => {
      const state = relaunched.service.overview().providers[0]!.state;
      expect(state).toMatchObject({
        status: 'signedIn',
        revalidateProblem: expect.stringMatching(
          /did not confirm.*no longer accepts this token \(invalid_token/,
        ),
      });
    });
  });

  it('keeps the cached sign-in, with no problem said, when the provider cannot be reached', async () => {
    const down = await startTestIdp();
    const { relaunched, warn } = await signInAndRelaunch(tempDir('revalidate-offline'), down);
    await down.close();
    await relaunched.service.restore();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('could not revalidate the remembered sign-in'),
      ),
    );
    const state = relaunched.service.overview().providers[0]!.state;
    expect(state).toMatchObject({ status: 'signedIn', restored: true });
    expect(state).not.toHaveProperty('revalidateProblem');
  });
});
