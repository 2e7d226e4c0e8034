/**
 * A company's OpenID provider: oidc-provider over TLS at `https://<name>:<port>`, its certificate from a
 * private CA (private-ca.ts), reachable by that name only through the company's proxy (connect-proxy.ts).
 * Sign-in is approved at once as "ada" (the browser's part is not what these tests are about).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { memoryAdapter } from '../../src/main/auth/demo-idp/memory-adapter.ts';
import type { PrivateCa } from './private-ca.ts';

export const CORP_CLIENT = 'corp-desktop';

export interface CorpIdp {
  issuer: string;
  port: number;
  /** Successful grants, by grant type. */
  grants: Record<string, number>;
  /** Requests the provider has seen (method and path). */
  requests: string[];
  close(): Promise<void>;
}

/** `publicPort`: the port in the issuer, when the proxy routes that name and port here (default: this one). */
export async function startCorpIdp(name: string, ca: PrivateCa, publicPort?: number): Promise<CorpIdp> {
  const server = https.createServer({ key: ca.key, cert: ca.cert });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://${name}:${publicPort ?? port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: CORP_CLIENT,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback/corp', 'http://127.0.0.1/callback/down'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' } as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, name: 'Ada Lovelace', email: 'ada@corp.test' }),
    }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    issueRefreshToken: () => true,
    ttl: { AccessToken: 600, RefreshToken: 3600, Grant: 3600, Session: 3600, Interaction: 600 },
  });
  const grants: Record<string, number> = {};
  provider.on('grant.success', (ctx) => {
    const type = String((ctx.oidc.params as { grant_type?: string } | undefined)?.grant_type);
    grants[type] = (grants[type] ?? 0) + 1;
  });
  const callback = provider.callback();
  const requests: string[] = [];
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    requests.push(`${req.method} ${url.pathname}`);
    const m = /^\/interaction\/([\w-]+)$/.exec(url.pathname);
    if (!m) return void callback(req, res);
    // Approve at once: log in as ada and grant what was asked.
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        return provider.interactionFinished(req, res, { login: { accountId: 'ada' } });
      }
      const grant = new provider.Grant({ accountId: 'ada', clientId: CORP_CLIENT });
      grant.addOIDCScope(String(details.params.scope));
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        {
          mergeWithLastSubmission: true,
        },
      );
    })().catch((error: unknown) => res.writeHead(400).end((error as Error).message));
  });
  return {
    issuer,
    port,
    grants,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
