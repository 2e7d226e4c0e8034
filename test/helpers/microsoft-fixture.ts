/**
 * A Microsoft-shaped server for tests: Entra ID's v2 endpoints and the part of Microsoft Graph the Azure type
 * reads, both on one 127.0.0.1 port (the entry's `authorityHost` and `graphHost`). Shaped from Microsoft's
 * documentation:
 *
 * - "Microsoft identity platform and OAuth 2.0 authorization code flow": /{tenant}/oauth2/v2.0/authorize and
 *   /{tenant}/oauth2/v2.0/token (PKCE, `token_type: "Bearer"`, `expires_in`, `ext_expires_in`, a refresh
 *   token with `offline_access`, an ID token with `openid`).
 * - "ID token claims reference": `aud`, `iss` = https://login.microsoftonline.com/{tid}/v2.0 (whatever tenant
 *   the URL named: common, organizations, a domain), `tid`, `oid`, `sub`, `preferred_username`, `name`, `ver`.
 * - "Configure group claims for applications": `groups` holds group object ids; above the limit (200 in a
 *   JWT) the overage claim replaces it: `_claim_names: { groups: "src1" }` and
 *   `_claim_sources.src1.endpoint` (the retired Azure AD Graph getMemberObjects URL, as tokens still carry it).
 * - "List a user's direct memberships" (GET /me/memberOf): `value` of directory objects with `@odata.type`;
 *   "Paging Microsoft Graph data": `@odata.nextLink` with a `$skiptoken` until the last page; a 403 with
 *   `Authorization_RequestDenied` ("Insufficient privileges to complete the operation.") without consent.
 *
 * It approves every authorization at once (no login page), as test/helpers/github-fixture.ts does.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The tenant id of Microsoft's documentation examples. */
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const USER_OID = '00000000-0000-0000-66f3-3332eca7ea81';
export const CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';

/** GET /me as Graph documents it ("Get the signed-in user"). */
export const ME = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
  businessPhones: ['+1 412 555 0109'],
  displayName: 'Megan Bowen',
  givenName: 'Megan',
  jobTitle: 'Auditor',
  mail: 'MeganB@contoso.example',
  mobilePhone: null,
  officeLocation: '12/1110',
  preferredLanguage: 'en-US',
  surname: 'Bowen',
  userPrincipalName: 'MeganB@contoso.example',
  id: '48d31887-5fad-4d73-a9f5-3c356e68a038',
};

/** The user's groups: object ids (what the groups claim carries) and display names (what Graph adds). */
export const groupId = (i: number) => `${String(i).padStart(8, '0')}-0000-4000-8000-00000000beef`;
export const groupName = (i: number) => `Group ${i}`;

export interface MicrosoftFixture {
  host: string;
  /** How many groups the user is in. */
  groups: number;
  /** Most groups the ID token holds before the overage claim replaces them (Microsoft: 200 in a JWT). */
  groupsLimit: number;
  /** Whether the app registration adds the groups claim to ID tokens (Token configuration). */
  groupsClaim: boolean;
  /** Directory objects per Graph page (Graph's default is 100). */
  pageSize: number;
  /** 403 from /me/memberOf: no consent to a permission that lets the app read groups. */
  memberOfStatus: number;
  /** What each authorization request asked for, in order. */
  scopesAsked: string[];
  /** Every request, as "METHOD /path" (query left out). */
  requests: string[];
  close(): Promise<void>;
}

export async function startMicrosoftFixture(): Promise<MicrosoftFixture> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string; tenant: string }>();
  const tokens = new Set<string>();
  const fixture = {
    groups: 3,
    groupsLimit: 200,
    groupsClaim: true,
    pageSize: 100,
    memberOfStatus: 200,
    scopesAsked: [],
    requests: [],
  } as unknown as MicrosoftFixture;

  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    void res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
  const readForm = async (req: http.IncomingMessage) => {
    let body = '';
    for await (const c of req as AsyncIterable<Buffer>) body += c.toString();
    return new URLSearchParams(body);
  };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const idToken = () => {
    const now = Math.floor(Date.now() / 1000);
    const ids = Array.from({ length: fixture.groups }, (_, i) => groupId(i));
    const claims = {
      aud: CLIENT_ID,
      iss: `http://${fixture.host}/${TENANT_ID}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: ME.displayName,
      oid: USER_OID,
      preferred_username: ME.userPrincipalName,
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      tid: TENANT_ID,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
      ...(!fixture.groupsClaim
        ? {}
        : ids.length <= fixture.groupsLimit
          ? { groups: ids }
          : {
              _claim_names: { groups: 'src1' },
              _claim_sources: {
                src1: {
                  endpoint: `https://graph.windows.net/${TENANT_ID}/users/${USER_OID}/getMemberObjects`,
                },
              },
            }),
    };
    const input = `${b64({ typ: 'JWT', alg: 'RS256', kid: 'fixture' })}.${b64(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  };
  const issue = (res: http.ServerResponse, scope: string) => {
    const accessToken = `eyJ0eXAi.${randomBytes(24).toString('base64url')}`;
    tokens.add(accessToken);
    const granted = scope.split(' ').filter(Boolean);
    json(res, 200, {
      token_type: 'Bearer',
      scope: granted.join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
      ...(granted.includes('offline_access')
        ? { refresh_token: `0.A${randomBytes(24).toString('base64url')}` }
        : {}),
      ...(granted.includes('openid') ? { id_token: idToken() } : {}),
    });
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    fixture.requests.push(`${req.method} ${url.pathname}`);
    const login = /^\/([A-Za-z0-9.-]+)\/oauth2\/v2\.0\/(authorize|token)$/.exec(url.pathname);
    if (req.method === 'GET' && login?.[2] === 'authorize') {
      const scope = url.searchParams.get('scope') ?? '';
      fixture.scopesAsked.push(scope);
      const code = randomBytes(12).toString('hex');
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
        scope,
        tenant: login[1]!,
      });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && login?.[2] === 'token') {
      const form = await readForm(req);
      if (form.get('client_id') !== CLIENT_ID)
        return json(res, 400, {
          error: 'unauthorized_client',
          error_description: 'AADSTS700016: unknown app',
        });
      if (form.get('grant_type') === 'refresh_token')
        return issue(res, 'openid profile email User.Read offline_access');
      const entry = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        !entry ||
        entry.tenant !== login[1] ||
        entry.redirectUri !== form.get('redirect_uri') ||
        createHash('sha256').update(verifier).digest('base64url') !== entry.challenge
      )
        return json(res, 400, {
          error: 'invalid_grant',
          error_description: 'AADSTS70008: The provided authorization code or refresh token has expired.',
        });
      return issue(res, entry.scope);
    }
    if (url.pathname.startsWith('/v1.0/')) {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /i, '');
      if (!tokens.has(token))
        return json(res, 401, {
          error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
        });
      if (url.pathname === '/v1.0/me') return json(res, 200, ME);
      if (url.pathname === '/v1.0/me/memberOf') {
        if (fixture.memberOfStatus !== 200)
          return json(res, fixture.memberOfStatus, {
            error: {
              code: 'Authorization_RequestDenied',
              message: 'Insufficient privileges to complete the operation.',
              innerError: {
                date: new Date().toISOString(),
                'request-id': randomUUID(),
                'client-request-id': randomUUID(),
              },
            },
          });
        const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
        const page = Array.from({ length: fixture.groups }, (_, i) => ({
          '@odata.type': '#microsoft.graph.group',
          id: groupId(i),
          displayName: groupName(i),
        })).slice(skip, skip + fixture.pageSize);
        const next = new URL(`http://${fixture.host}/v1.0/me/memberOf`);
        for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.set(k, v);
        next.searchParams.set('$skiptoken', String(skip + fixture.pageSize));
        return json(res, 200, {
          '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id,displayName)',
          ...(skip + fixture.pageSize < fixture.groups ? { '@odata.nextLink': next.href } : {}),
          value: page,
        });
      }
    }
    json(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'Resource not found.' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fixture, {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
