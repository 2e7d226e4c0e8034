/**
 * A hand-made OpenID provider on 127.0.0.1 (plain http), for what a real one would never do: a discovery
 * document with fields the test chooses, and ID tokens signed with its own key, another key, or nothing
 * valid at all. The token endpoint answers any code; `nonce` is the one the test read off the
 * authorization URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { defer } from './disposables.ts';

export interface HandMadeIdp {
  issuer: string;
  /** What the token endpoint signs the next ID token with. */
  signWith: 'own key' | 'foreign key' | 'garbage';
  /** The nonce and subject the next ID token carries. */
  nonce: string;
  sub: string;
  /** Paths requested, in order. */
  seen: string[];
  /** Access tokens `/introspect` calls active (when the discovery document names it). */
  activeTokens: string[];
}

export async function startHandMadeIdp(
  options: { clientId: string; discovery?: (issuer: string) => Record<string, unknown> } = {
    clientId: 'app',
  },
): Promise<HandMadeIdp> {
  const own = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(own.publicKey)), kid: 'own', alg: 'RS256', use: 'sig' };
  const idp: HandMadeIdp = {
    issuer: '',
    signWith: 'own key',
    nonce: '',
    sub: 'ada',
    seen: [],
    activeTokens: [],
  };

  const idToken = async () => {
    const key = idp.signWith === 'foreign key' ? foreign.privateKey : own.privateKey;
    const jwt = await new SignJWT({ nonce: idp.nonce, name: `${idp.sub} (from the ID token)` })
      .setProtectedHeader({ alg: 'RS256', kid: 'own' })
      .setIssuer(idp.issuer)
      .setAudience(options.clientId)
      .setSubject(idp.sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);
    if (idp.signWith !== 'garbage') return jwt;
    const [header, payload] = jwt.split('.');
    return `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`;
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    idp.seen.push(path);
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/.well-known/openid-configuration')
      return json({
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/auth`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        ...options.discovery?.(idp.issuer),
      });
    if (path === '/jwks') return json({ keys: [jwk] });
    if (path === '/introspect') {
      let form = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (form += c));
      req.on('end', () =>
        json({ active: idp.activeTokens.includes(new URLSearchParams(form).get('token') ?? '') }),
      );
      return;
    }
    if (path === '/token') {
      req.resume();
      req.on('end', () => {
        void idToken().then((id_token) =>
          json({ access_token: 'at-1', token_type: 'Bearer', expires_in: 3600, id_token }),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  defer(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  }, 'the hand-made provider');
  return idp;
}
