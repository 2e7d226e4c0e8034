/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 shaped like GitLab, from GitLab's documentation:
 *
 * - "GitLab as OpenID Connect identity provider" (docs.gitlab.com/ee/integration/openid_connect_provider.html):
 *   discovery at https://HOST/.well-known/openid-configuration, issuer https://HOST; the shared claims sub,
 *   sub_legacy, name, nickname, preferred_username, email, email_verified, website, profile, picture,
 *   groups, groups_direct and https://gitlab.org/claims/groups/{owner,maintainer,developer}, all released with
 *   the `openid` scope; `sub`, `sub_legacy`, `email`, `email_verified` and `groups_direct` in the ID token,
 *   every other claim from /oauth/userinfo; `email` is the primary address when the app has the `email`
 *   scope, else the public one.
 * - "OAuth 2.0 identity provider API" (docs.gitlab.com/ee/api/oauth2.html): /oauth/authorize, /oauth/token
 *   (a refresh invalidates the old tokens), /oauth/revoke, the device grant at /oauth/authorize_device with
 *   its page at /oauth/device (GitLab 17.2+).
 * - GitLab's discovery document does not list the device endpoint (what device-flow clients report, e.g.
 *   int128/kubelogin#1584): it is taken out here too.
 *
 * GitLab asks the user to sign in and then to authorize the application: two pages here, which
 * test/helpers/idp-http.ts fills in as the user would.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';
import { memoryAdapter } from '../../../../src/main/auth/demo-idp/memory-adapter.ts';

export const PUBLIC_APP = 'gitlab-public-application-id-0123456789abcdef0123456789abcdef0123';
export const CONFIDENTIAL_APP = 'gitlab-confidential-application-id-0123456789abcdef0123456789ab';
export const CONFIDENTIAL_SECRET = 'gloas-confidential-secret-0123456789abcdef';

const GROUP_CLAIMS = {
  owner: 'https://gitlab.org/claims/groups/owner',
  maintainer: 'https://gitlab.org/claims/groups/maintainer',
  developer: 'https://gitlab.org/claims/groups/developer',
} as const;

/** A GitLab user as the documentation describes what is shared about one. */
export interface GitLabUser {
  id: number;
  username: string;
  password: string;
  name: string;
  primaryEmail: string;
  publicEmail: string;
  website: string;
  /** Groups the user is a direct member of, by full path, with the user's role there. */
  memberships: Array<{ path: string; role: 'owner' | 'maintainer' | 'developer' | 'reporter' }>;
  /** Subgroups of those groups, by full path: the user is a member through the ancestor. */
  inherited: string[];
}

export const ADA: GitLabUser = {
  id: 4521,
  username: 'ada',
  password: 'demo',
  name: 'Ada Lovelace',
  primaryEmail: 'ada@analytical.example',
  publicEmail: 'ada.public@analytical.example',
  website: 'https://ada.example',
  memberships: [
    { path: 'analytical-engines', role: 'owner' },
    { path: 'poetical-science/notes', role: 'developer' },
  ],
  inherited: ['analytical-engines/difference', 'analytical-engines/difference/mill'],
};

export interface GitLabFixture {
  /** What an entry's `host` is: 127.0.0.1:PORT. */
  host: string;
  issuer: string;
  /** Method and path of every request the server answered, in order. */
  requests: string[];
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) body += chunk.toString('utf8');
  return new URLSearchParams(body);
}

export async function startGitLabFixture(user: GitLabUser = ADA): Promise<GitLabFixture> {
  const server = http.createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const common: Partial<ClientMetadata> = {
    application_type: 'native',
    // Registered without a port: GitLab's OAuth server (Doorkeeper) matches a loopback IP redirect on
    // any port (RFC 8252 section 7.3), as oidc-provider does for native clients.
    redirect_uris: ['http://127.0.0.1/callback/gitlab'],
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
  };
  const pathsOf = (role: string) => user.memberships.filter((m) => m.role === role).map((m) => m.path);
  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      // "Confidential" unticked: a public application, PKCE instead of a secret.
      { ...common, client_id: PUBLIC_APP, token_endpoint_auth_method: 'none' },
      {
        ...common,
        client_id: CONFIDENTIAL_APP,
        client_secret: CONFIDENTIAL_SECRET,
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    clientDefaults: { id_token_signed_response_alg: 'RS256' },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' } as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    routes: {
      authorization: '/oauth/authorize',
      token: '/oauth/token',
      userinfo: '/oauth/userinfo',
      revocation: '/oauth/revoke',
      introspection: '/oauth/introspect',
      jwks: '/oauth/discovery/keys',
      device_authorization: '/oauth/authorize_device',
      code_verification: '/oauth/device',
    },
    // A few of GitLab's scopes; it has no offline_access (it always issues a refresh token).
    scopes: ['openid', 'profile', 'email', 'read_user', 'api'],
    claims: {
      openid: [
        'sub',
        'sub_legacy',
        'name',
        'nickname',
        'preferred_username',
        'email',
        'email_verified',
        'website',
        'profile',
        'picture',
        'groups',
        'groups_direct',
        GROUP_CLAIMS.owner,
        GROUP_CLAIMS.maintainer,
        GROUP_CLAIMS.developer,
      ],
    },
    // Scope claims go into the ID token too; findAccount picks which ones, as GitLab does.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      if (sub !== String(user.id)) return undefined;
      return {
        accountId: sub,
        claims: (use, scope) => {
          const emailScope = scope.split(' ').includes('email');
          const idToken = {
            sub,
            sub_legacy: `legacy-${sub}`,
            email: emailScope ? user.primaryEmail : user.publicEmail,
            email_verified: true,
          };
          if (use === 'id_token') return { ...idToken, groups_direct: user.memberships.map((m) => m.path) };
          return {
            ...idToken,
            name: user.name,
            nickname: user.username,
            preferred_username: user.username,
            website: user.website,
            profile: `${issuer}/${user.username}`,
            picture: `${issuer}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
            groups: [...user.memberships.map((m) => m.path), ...user.inherited],
            [GROUP_CLAIMS.owner]: pathsOf('owner'),
            [GROUP_CLAIMS.maintainer]: pathsOf('maintainer'),
            [GROUP_CLAIMS.developer]: pathsOf('developer'),
          };
        },
      };
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only its own tokens.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: { enabled: true },
      deviceFlow: { enabled: true },
    },
    issueRefreshToken: () => true,
    rotateRefreshToken: true,
    // GitLab's access tokens last two hours.
    ttl: {
      AccessToken: 7200,
      RefreshToken: 30 * 24 * 3600,
      IdToken: 120,
      AuthorizationCode: 600,
      DeviceCode: 300,
      Interaction: 600,
      Session: 3600,
      Grant: 30 * 24 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.body && typeof ctx.body === 'object') {
      delete (ctx.body as Record<string, unknown>).device_authorization_endpoint;
    }
  });
  const callback = provider.callback();

  const page = (res: ServerResponse, html: string) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>GitLab</title>${html}`);
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && details.prompt.name === 'login') {
      return page(
        res,
        `<h1>Sign in</h1><form method="post" action="/interaction/${uid}/login"><input name="login"><input name="password" type="password"><button>Sign in</button></form>`,
      );
    }
    if (req.method === 'GET') {
      return page(
        res,
        `<h1>Authorize application</h1><p>${String(details.params.scope)}</p><form method="post" action="/interaction/${uid}/confirm"><button>Authorize</button></form>`,
      );
    }
    if (action === 'login') {
      const form = await readForm(req);
      const ok = form.get('login') === user.username && form.get('password') === user.password;
      return provider.interactionFinished(
        req,
        res,
        ok ? { login: { accountId: String(user.id) } } : { error: 'access_denied' },
        { mergeWithLastSubmission: false },
      );
    }
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('no session');
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
    if (missing) grant.addOIDCScope(missing.join(' '));
    const claims = details.prompt.details.missingOIDCClaims as string[] | undefined;
    if (claims) grant.addOIDCClaims(claims);
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  const requests: string[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    requests.push(`${req.method} ${url.pathname}`);
    const m = /^\/interaction\/([\w-]+)(?:\/(login|confirm))?$/.exec(url.pathname);
    if (m) {
      interaction(req, res, m[1]!, m[2]).catch((error: unknown) => {
        res.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
      });
      return;
    }
    void callback(req, res);
  });

  return {
    host: `127.0.0.1:${port}`,
    issuer,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
