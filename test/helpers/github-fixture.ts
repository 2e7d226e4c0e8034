/**
 * A GitHub-shaped server for tests, reached through the GitHub Enterprise `host` option: OAuth endpoints
 * under /login, the REST API under /api/v3, and GitHub's habit of answering token errors with HTTP 200.
 * It approves every authorization at once (no login page) so tests can focus on the protocol.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** GET /user as GitHub's REST API documents it ("Get the authenticated user"), fields trimmed to a sample. */
export const OCTOCAT = {
  login: 'octocat',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  avatar_url: 'https://avatars.example/u/583231',
  type: 'User',
  site_admin: false,
  name: 'The Octocat',
  company: '@github',
  blog: 'https://github.blog',
  location: 'San Francisco',
  email: null,
  hireable: null,
  bio: null,
  twitter_username: null,
  public_repos: 8,
  followers: 9000,
  following: 9,
  created_at: '2011-01-25T18:44:36Z',
  updated_at: '2024-01-22T12:00:00Z',
};

/** A team of GET /user/teams as GitHub documents it ("List teams for the authenticated user"). */
export function teamJson(i: number, host: string) {
  const slug = i === 0 ? 'core' : `team-${i}`;
  return {
    id: 1000 + i,
    node_id: `MDQ6VGVhbTEw${i}`,
    url: `http://${host}/api/v3/teams/${1000 + i}`,
    html_url: `http://${host}/orgs/octo-org/teams/${slug}`,
    name: i === 0 ? 'Core' : `Team ${i}`,
    slug,
    description: i === 0 ? 'The core team' : null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    parent: null,
    members_count: 3,
    repos_count: 10,
    created_at: '2017-07-14T16:53:42Z',
    updated_at: '2017-08-17T12:37:15Z',
    organization: { login: 'octo-org', id: 6811672, node_id: 'MDEyOk9yZ2FuaXphdGlvbjY4MTE2NzI=' },
  };
}

export interface GitHubFixture {
  host: string;
  port: number;
  /** Make the token endpoint refuse every code with 200 + bad_verification_code. */
  rejectCodes: boolean;
  /** How many device polls answer authorization_pending before success. */
  pendingPolls: number;
  tokenRequests: number;
  /** How many teams the user is in (GitHub pages them, 100 at most per page, with Link: rel="next"). */
  teams: number;
  /** 403 for a GitHub App without the Members permission (or 404). */
  teamsStatus: number;
  /** 403 for an app without the e-mail permission. */
  emailsStatus: number;
  /** GitHub Apps with expiring user tokens: 8-hour access tokens and a refresh token. */
  expiring: boolean;
  /** Refresh answered with GitHub's HTTP-200 bad_refresh_token. */
  badRefresh: boolean;
  close(): Promise<void>;
}

export async function startGitHubFixture(): Promise<GitHubFixture> {
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const tokens = new Set<string>();
  let devicePolls = 0;
  const fixture = {
    rejectCodes: false,
    pendingPolls: 1,
    tokenRequests: 0,
    teams: 1,
    teamsStatus: 200,
    emailsStatus: 200,
    expiring: false,
    badRefresh: false,
  } as GitHubFixture;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const readForm = async (req: http.IncomingMessage) => {
    let body = '';
    for await (const c of req as AsyncIterable<Buffer>) body += c.toString();
    return new URLSearchParams(body);
  };
  const issue = (res: http.ServerResponse, scope: string) => {
    const token = `gho_${randomBytes(18).toString('hex')}`;
    tokens.add(token);
    json(res, 200, {
      access_token: token,
      token_type: 'bearer',
      scope: scope.split(' ').join(','),
      ...(fixture.expiring
        ? {
            expires_in: 28800,
            refresh_token: `ghr_${randomBytes(18).toString('hex')}`,
            refresh_token_expires_in: 15811200,
          }
        : {}),
    });
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const code = randomBytes(10).toString('hex');
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
        scope: url.searchParams.get('scope') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return void res.writeHead(302, { location: back.href }).end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      fixture.tokenRequests++;
      const form = await readForm(req);
      if (form.get('grant_type') === 'refresh_token') {
        if (fixture.badRefresh)
          return json(res, 200, {
            error: 'bad_refresh_token',
            error_description: 'The refresh token passed is incorrect or expired.',
            error_uri:
              'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-refresh-token',
          });
        return issue(res, 'read:user,user:email');
      }
      if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code') {
        if (devicePolls++ < fixture.pendingPolls)
          return json(res, 200, {
            error: 'authorization_pending',
            error_description: 'The authorization request is still pending.',
          });
        return issue(res, 'read:user,user:email');
      }
      const entry = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        !fixture.rejectCodes &&
        entry !== undefined &&
        entry.redirectUri === form.get('redirect_uri') &&
        createHash('sha256').update(verifier).digest('base64url') === entry.challenge;
      // GitHub's real behaviour: an error, but with HTTP 200.
      if (!ok)
        return json(res, 200, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
        });
      return issue(res, entry.scope);
    }
    if (req.method === 'POST' && url.pathname === '/login/device/code') {
      devicePolls = 0;
      return json(res, 200, {
        device_code: randomBytes(10).toString('hex'),
        user_code: 'WDJB-MJHT',
        verification_uri: `http://${fixture.host}/login/device`,
        expires_in: 900,
        interval: 1,
      });
    }
    if (url.pathname.startsWith('/api/v3/')) {
      const token = (req.headers.authorization ?? '').replace(/^(Bearer|token) /i, '');
      if (!tokens.has(token)) return json(res, 401, { message: 'Bad credentials' });
      switch (url.pathname) {
        case '/api/v3/user':
          return json(res, 200, OCTOCAT);
        case '/api/v3/user/emails':
          if (fixture.emailsStatus !== 200)
            return json(res, fixture.emailsStatus, { message: 'Resource not accessible by integration' });
          return json(res, 200, [
            { email: 'octo@private.example', primary: false, verified: true },
            { email: 'octocat@github.example', primary: true, verified: true },
          ]);
        case '/api/v3/user/teams': {
          if (fixture.teamsStatus !== 200)
            return json(res, fixture.teamsStatus, { message: 'Resource not accessible by integration' });
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
          const page = Number(url.searchParams.get('page') ?? 1);
          const all = Array.from({ length: fixture.teams }, (_, i) => teamJson(i, fixture.host));
          const last = Math.max(1, Math.ceil(all.length / perPage));
          const link = (n: number) =>
            `<http://${fixture.host}/api/v3/user/teams?per_page=${perPage}&page=${n}>`;
          const links = [
            ...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
            ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : []),
          ];
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            ...(links.length ? { link: links.join(', ') } : {}),
          });
          return void res.end(JSON.stringify(all.slice((page - 1) * perPage, page * perPage)));
        }
        case '/api/v3/user/repos':
          return json(res, 200, [{ full_name: 'octocat/hello-world' }]);
      }
    }
    json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fixture, {
    host: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
