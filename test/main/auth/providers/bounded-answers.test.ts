/**
 * A provider's answers are read with a cap (LIMITS.maxProviderResponseBytes) while they stream, whoever
 * reads them: openid-client reading the token endpoint and userinfo, and Latchkey's own API reads (user
 * endpoints). Against hand-made providers on 127.0.0.1 that answer 100 MB.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/shared/limits.ts';
import { track } from '../../../helpers/disposables.ts';
import { floodServer } from '../../../helpers/flood-server.ts';
import { signInServiceFor } from '../../../helpers/sign-in.ts';

const MB = 1024 * 1024;
const token = JSON.stringify({ access_token: 'at', token_type: 'Bearer', scope: ['openid'] });

describe("a provider's answers", () => {
  it('a 100 MB userinfo is stopped at the limit, with a typed error', async () => {
    const flood = await floodServer({
      total: 100 * MB,
      route: (req, res, origin) => {
        if (req.url !== '/.well-known/openid-configuration') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: origin,
            authorization_endpoint: `${origin}/auth`,
            token_endpoint: `${origin}/token`,
            userinfo_endpoint: `${origin}/userinfo`,
            jwks_uri: `${origin}/jwks`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return true;
      },
    });
    const rec = await signInServiceFor([
      { type: 'oidc', id: 'corp', issuer: flood.origin, clientId: 'app', allowInsecureHttp: true },
    ]);
    track(rec.service);
    // The old code read the whole 100 MB (+289 MB RSS) before parsing it.
    await expect(rec.service.importToken('corp', token)).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining(String(LIMITS.maxProviderResponseBytes)),
    });
    await flood.ended();
    expect(flood.sent()).toBeLessThan(20 * MB);
  });

  it('a 100 MB token endpoint answer fails the sign-in with too_large', async () => {
    const flood = await floodServer({
      total: 100 * MB,
      route: (req, res, origin) => {
        if (req.url !== '/.well-known/openid-configuration') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: origin,
            authorization_endpoint: `${origin}/auth`,
            token_endpoint: `${origin}/token`,
            jwks_uri: `${origin}/jwks`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
          }),
        );
        return true;
      },
    });
    const rec = await signInServiceFor([
      { type: 'oidc', id: 'corp', issuer: flood.origin, clientId: 'app', allowInsecureHttp: true },
    ]);
    track(rec.service);
    const failed = rec.next('auth.signInFailed', 'corp');
    const { authorizationUrl } = await rec.service.signIn('corp');
    const params = new URL(authorizationUrl).searchParams;
    const redirect = new URL(params.get('redirect_uri')!);
    redirect.searchParams.set('code', 'c-1');
    redirect.searchParams.set('state', params.get('state')!);
    await fetch(redirect, { redirect: 'manual' });
    expect(await failed).toMatchObject({ error: 'too_large' });
    await flood.ended();
    expect(flood.sent()).toBeLessThan(20 * MB);
  });

  it("a 100 MB answer from an OAuth 2.0 provider's user endpoint is stopped too", async () => {
    const flood = await floodServer({ total: 100 * MB });
    const rec = await signInServiceFor([
      {
        type: 'oauth2',
        id: 'api',
        clientId: 'app',
        authorizationEndpoint: `${flood.origin}/authorize`,
        tokenEndpoint: `${flood.origin}/token`,
        userEndpoint: `${flood.origin}/user`,
        allowInsecureHttp: true,
      },
    ]);
    track(rec.service);
    await expect(rec.service.importToken('api', token)).rejects.toMatchObject({ code: 'too_large' });
    await flood.ended();
    expect(flood.sent()).toBeLessThan(20 * MB);
  });
});
