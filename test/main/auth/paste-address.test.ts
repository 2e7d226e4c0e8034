/**
 * "Try another way" when the redirect never reaches the loopback (a firewall, the browser on another
 * machine): the user pastes the address the browser could not load. Against a real OpenID provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { track } from '../../helpers/disposables.ts';
import { approveOverHttp } from '../../helpers/idp-http.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

async function pending() {
  const rec = await signInServiceFor([oidcEntry(idp)]);
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn('corp');
  // The browser signed in at the provider, then could not load the loopback address it was sent to.
  const address = await approveOverHttp(authorizationUrl);
  return { rec, address };
}

const status = (rec: Awaited<ReturnType<typeof pending>>['rec']) =>
  rec.service.overview().providers[0]!.state.status;

describe('pasting the address from the browser', () => {
  it('completes the pending sign-in, whitespace around the pasted text and all', async () => {
    const { rec, address } = await pending();
    const signedIn = rec.next('auth.signedIn', 'corp');
    expect(rec.service.completeWithAddress('corp', `  ${address}\n`)).toEqual({ accepted: true });
    expect((await signedIn).user).toMatchObject({ id: 'ada' });
    expect(status(rec)).toBe('signedIn');
  });

  it('refuses an address with another state, and the sign-in stays pending for the real one', async () => {
    const { rec, address } = await pending();
    const forged = new URL(address);
    forged.searchParams.set('state', 'not-this-sign-in');
    expect(() => rec.service.completeWithAddress('corp', forged.href)).toThrow(
      expect.objectContaining({
        code: 'invalid_argument',
        message: expect.stringMatching(/not the one this sign-in is waiting for/),
      }),
    );
    expect(status(rec)).toBe('pending');
    const signedIn = rec.next('auth.signedIn', 'corp');
    rec.service.completeWithAddress('corp', address);
    await signedIn;
  });

  it.each([
    ['text that is not an address', 'hello', /not a web address/],
    ['another path', (a: string) => a.replace('/callback/corp', '/callback/other'), /not the one/],
    ['another port', (a: string) => a.replace(/:(\d+)\//, ':1/'), /not the one/],
    ['https instead of http', (a: string) => a.replace('http:', 'https:'), /not the one/],
  ] as const)('refuses %s', async (_label, change, words) => {
    const { rec, address } = await pending();
    const pasted = typeof change === 'string' ? change : change(address);
    expect(() => rec.service.completeWithAddress('corp', pasted)).toThrow(
      expect.objectContaining({ code: 'invalid_argument', message: expect.stringMatching(words) }),
    );
    expect(status(rec)).toBe('pending');
  });

  it('says so when nothing is waiting, and takes an address only once', async () => {
    const { rec, address } = await pending();
    rec.service.completeWithAddress('corp', address);
    expect(() => rec.service.completeWithAddress('corp', address)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    const idle = await signInServiceFor([oidcEntry(idp)]);
    track(idle.service);
    expect(() => idle.service.completeWithAddress('corp', address)).toThrow(
      expect.objectContaining({
        code: 'not_found',
        message: expect.stringMatching(/Start the sign-in again/),
      }),
    );
  });
});
