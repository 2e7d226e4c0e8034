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
  it('refuses an expired token without a refresh token, and the pending sign-in goes on', async () => {
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
    expect(rec.service.overview().providers[0]!.state.status).toBe('pending');
    // Still the live attempt: it can be cancelled (the old code had ended it and left the card pending).
    expect(rec.service.cancel('corp')).toBe(true);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({
      status: 'signedOut',
      cancelled: true,
    });
  });
});
