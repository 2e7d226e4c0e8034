/** Importing Flet's saved token while a browser sign-in waits: a token that cannot be used changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { track } from '../../helpers/disposables.ts';
import { oidcEntry, startTestIdp, type TestIdp } from '../../helpers/idp.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp();
});
afterAll(async () => {
  await idp?.close();
});

describe('importing a saved token during a sign-in', () => {
  it('refuses an expired token without a refresh token, and the card it replaced is not left waiting', async () => {
    const rec = await signInServiceFor([oidcEntry(idp)]);
    track(rec.service);
    await rec.service.signIn('corp');
    const expired = JSON.stringify({
      access_token: 'old',
      token_type: 'Bearer',
      scope: ['openid'],
      expires_at: Date.now() / 1000 - 60,
    });
    await expect(rec.service.importToken('corp', expired)).rejects.toMatchObject({
      code: 'invalid_argument',
      details: { reason: 'saved_token_expired' },
    });
    // The import replaced the pending sign-in (one attempt per provider); it must not stay "pending" on an
    // attempt that has ended (the old code did, and Cancel then did nothing).
    expect(rec.service.overview().providers[0]!.state).toEqual({ status: 'signedOut' });
    await rec.service.signIn('corp');
    expect(rec.service.overview().providers[0]!.state.status).toBe('pending');
    expect(rec.service.cancel('corp')).toBe(true);
  });
});
