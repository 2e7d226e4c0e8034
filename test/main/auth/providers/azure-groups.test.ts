import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphMemberOf, groupsInIdToken } from '../../../../src/main/auth/providers/azure-groups.ts';
import {
  CLIENT_ID,
  startMicrosoftFixture,
  type MicrosoftFixture,
} from '../../../helpers/microsoft-fixture.ts';

describe('groupsInIdToken', () => {
  it('reads the groups claim, and knows the overage claim in both of its forms', () => {
    expect(groupsInIdToken({ groups: ['a1', 'b2'] })).toEqual({
      kind: 'groups',
      groups: [
        { id: 'a1', name: 'a1' },
        { id: 'b2', name: 'b2' },
      ],
    });
    expect(
      groupsInIdToken({
        _claim_names: { groups: 'src1' },
        _claim_sources: { src1: { endpoint: 'https://graph.windows.net/t/users/u/getMemberObjects' } },
      }),
    ).toEqual({ kind: 'overage' });
    expect(groupsInIdToken({ hasgroups: true })).toEqual({ kind: 'overage' });
    expect(groupsInIdToken({ sub: 'u' })).toEqual({ kind: 'none' });
  });
});

describe('graphMemberOf', () => {
  let ms: MicrosoftFixture;
  let token: string;
  beforeAll(async () => {
    ms = await startMicrosoftFixture();
  });
  afterAll(async () => {
    await ms?.close();
  });

  /** A Graph token from the fixture's own token endpoint, by a real code grant. */
  async function graphToken(): Promise<string> {
    const verifier = randomBytes(32).toString('base64url');
    const redirect = 'http://127.0.0.1:1/callback/azure';
    const authorize = new URL(`http://${ms.host}/common/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: redirect,
      scope: 'User.Read',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 's',
    }).toString();
    const location = (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!;
    const code = new URL(location).searchParams.get('code')!;
    const answer = await fetch(`http://${ms.host}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
      }),
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  }
  beforeAll(async () => {
    token = await graphToken();
  });

  it('reads at most the given number of pages', async () => {
    Object.assign(ms, { groups: 10, pageSize: 3, memberOfStatus: 200, requests: [] });
    const groups = await graphMemberOf(`http://${ms.host}/v1.0`, token, fetch, 2);
    expect(groups.map((g) => g.name)).toEqual([
      'Group 0',
      'Group 1',
      'Group 2',
      'Group 3',
      'Group 4',
      'Group 5',
    ]);
    expect(ms.requests.filter((r) => r === 'GET /v1.0/me/memberOf')).toHaveLength(2);
  });

  it('never follows an @odata.nextLink to another origin with the token', async () => {
    const seen: string[] = [];
    const other = http.createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const graph = http.createServer((_req, res) => {
      const port = (other.address() as AddressInfo).port;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          value: [{ id: 'g1', displayName: 'One' }],
          '@odata.nextLink': `http://localhost:${port}/v1.0/me/memberOf?$skiptoken=1`,
        }),
      );
    });
    await new Promise<void>((r) => graph.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v1.0`;
      expect(await graphMemberOf(base, 'secret-token', fetch)).toEqual([
        { id: 'g1', displayName: 'One', name: 'One' },
      ]);
      expect(seen).toEqual([]);
    } finally {
      other.closeAllConnections();
      graph.closeAllConnections();
      await Promise.all([new Promise((r) => other.close(r)), new Promise((r) => graph.close(r))]);
    }
  });
});
