/**
 * Providers are trusted only as far as configured: every endpoint a discovery document names keeps the
 * issuer's http rule, apiOrigins too, and over plain http the ID token's signature is checked against the
 * provider's JWKS. Against hand-made providers on 127.0.0.1 (nothing is ever sent to the hosts they name).
 */
import { describe, expect, it } from 'vitest';
import { endpointProblem } from '../../../src/main/auth/endpoint-trust.ts';
import { track } from '../../helpers/disposables.ts';
import { startHandMadeIdp, type HandMadeIdp } from '../../helpers/hand-made-idp.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

const entry = (idp: { issuer: string }, extra: Record<string, unknown> = {}) => ({
  type: 'oidc',
  id: 'corp',
  issuer: idp.issuer,
  clientId: 'app',
  allowInsecureHttp: true,
  fetchUser: false,
  ...extra,
});

describe('endpointProblem', () => {
  it.each([
    ['https://idp.example/token', false, null],
    ['http://127.0.0.1:4000/token', true, null],
    ['http://[::1]:4000/token', true, null],
    ['http://127.0.0.1:4000/token', false, /not set to allow it/],
    ['http://192.168.77.7/token', true, /not this machine/],
    ['http://localhost.evil.example/token', true, /not this machine/],
    ['ftp://127.0.0.1/token', true, /ftp:/],
    ['nonsense', true, /not a URL/],
  ])('%s (http allowed: %s)', (url, allowHttp, problem) => {
    const found = endpointProblem(url, allowHttp);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe("a loopback http provider's discovery document", () => {
  it.each(['token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'revocation_endpoint'])(
    'naming %s on another machine over http is refused before the sign-in starts',
    async (field) => {
      const idp = await startHandMadeIdp({
        clientId: 'app',
        discovery: () => ({ [field]: 'http://192.168.77.7/steal' }),
      });
      const rec = await signInServiceFor([entry(idp)]);
      track(rec.service);
      // The old code took the document as it came and later sent the code, the PKCE verifier, the client
      // secret or the bearer token there in clear.
      await expect(rec.service.signIn('corp')).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining(`${field} http://192.168.77.7/steal`),
      });
      expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'signedOut' });
    },
  );

  it('naming https endpoints elsewhere is fine (Google puts its token endpoint on another host)', async () => {
    const idp = await startHandMadeIdp({
      clientId: 'app',
      discovery: () => ({ revocation_endpoint: 'https://revoke.example/revoke' }),
    });
    const rec = await signInServiceFor([entry(idp)]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('corp');
    expect(authorizationUrl.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    rec.service.cancel('corp');
  });
});

describe('apiOrigins', () => {
  it('plain http only for loopback, and only with allowInsecureHttp', async () => {
    const { loadProviderConfig } = await import('../../../src/main/auth/config/load.ts');
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'latchkey-providers-')), 'p.json');
    const oidc = (id: string, extra: Record<string, unknown>) => ({
      type: 'oidc',
      id,
      issuer: 'https://idp.example',
      clientId: 'app',
      ...extra,
    });
    await writeFile(
      file,
      JSON.stringify([
        oidc('lan', { apiOrigins: ['https://api.example', 'http://192.168.77.7'], allowInsecureHttp: true }),
        oidc('local', { apiOrigins: ['http://127.0.0.1:8080'] }),
        oidc('ok', { apiOrigins: ['https://api.example', 'http://127.0.0.1:8080'], allowInsecureHttp: true }),
      ]),
    );
    const config = await loadProviderConfig({ file, env: {} });
    // The old code accepted http://192.168.77.7, and auth.request sent the bearer token there in clear.
    expect(config.problems).toEqual([
      expect.objectContaining({ field: 'apiOrigins[1]', message: expect.stringContaining('must use https') }),
      expect.objectContaining({
        field: 'apiOrigins[0]',
        message: expect.stringContaining('allowInsecureHttp'),
      }),
    ]);
    expect(config.providers.map((p) => p.id)).toEqual(['ok']);
  });
});

/** Signs in against the hand-made provider, playing the browser's redirect; resolves with the outcome. */
async function signInWith(idp: HandMadeIdp) {
  const rec = await signInServiceFor([entry(idp)]);
  track(rec.service);
  const signedIn = rec.next('auth.signedIn', 'corp');
  const failed = rec.next('auth.signInFailed', 'corp');
  const { authorizationUrl } = await rec.service.signIn('corp');
  const params = new URL(authorizationUrl).searchParams;
  idp.nonce = params.get('nonce')!;
  const redirect = new URL(params.get('redirect_uri')!);
  redirect.searchParams.set('code', 'c-1');
  redirect.searchParams.set('state', params.get('state')!);
  await fetch(redirect, { redirect: 'manual' });
  const outcome = await Promise.race([signedIn.then(() => 'signed in' as const), failed.then((f) => f)]);
  return { rec, outcome };
}

describe('the ID token over plain http', () => {
  it.each(['foreign key', 'garbage'] as const)(
    'signed with a %s is refused, and no one is signed in',
    async (signWith) => {
      const idp = await startHandMadeIdp({ clientId: 'app' });
      idp.signWith = signWith;
      idp.sub = 'mallory-as-admin';
      const { rec, outcome } = await signInWith(idp);
      // The old code accepted it: a forged sub, email or groups signed in.
      expect(outcome).toMatchObject({ error: expect.any(String) });
      expect(outcome).not.toBe('signed in');
      expect(rec.service.overview().providers[0]!.state.status).toBe('signedOut');
      expect(idp.seen).toContain('/jwks');
    },
  );

  it("signed with the provider's own key signs in", async () => {
    const idp = await startHandMadeIdp({ clientId: 'app' });
    const { rec, outcome } = await signInWith(idp);
    expect(outcome).toBe('signed in');
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'signedIn' });
  });
});
