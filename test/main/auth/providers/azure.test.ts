import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { track } from '../../../helpers/disposables.ts';
import {
  CLIENT_ID,
  groupId,
  groupName,
  ME,
  startMicrosoftFixture,
  type MicrosoftFixture,
} from '../../../helpers/microsoft-fixture.ts';
import { signInServiceFor } from '../../../helpers/sign-in.ts';

let ms: MicrosoftFixture;
beforeAll(async () => {
  ms = await startMicrosoftFixture();
});
afterAll(async () => {
  await ms?.close();
});
beforeEach(() => {
  Object.assign(ms, {
    groups: 3,
    groupsLimit: 200,
    groupsClaim: true,
    pageSize: 100,
    memberOfStatus: 200,
    scopesAsked: [],
    requests: [],
  });
});

const azure = (extra: Record<string, unknown> = {}) => ({
  type: 'azure',
  clientId: CLIENT_ID,
  authorityHost: ms.host,
  graphHost: ms.host,
  allowInsecureHttp: true,
  fetchGroups: true,
  ...extra,
});

/** Microsoft approves at once here, so following the redirects is the whole browser trip. */
async function signedIn(entry: Record<string, unknown>) {
  const rec = await signInServiceFor([entry]);
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn('azure');
  const done = rec.next('auth.signedIn', 'azure');
  expect(await (await fetch(authorizationUrl)).text()).toContain('Signed in with Microsoft');
  const payload = await done;
  const state = rec.service.overview().providers[0]!.state;
  if (state.status !== 'signedIn') throw new Error(`not signed in: ${JSON.stringify(state)}`);
  return { rec, payload, state };
}

const memberOfCalls = () => ms.requests.filter((r) => r === 'GET /v1.0/me/memberOf').length;

describe('Microsoft Entra ID groups', () => {
  it("by default come from the ID token's groups claim, with no Graph call and no admin-consented scope", async () => {
    // The default tenant "common": the ID token's iss names the user's own tenant, which must not fail it.
    const { state, payload } = await signedIn(azure());
    const asked = ms.scopesAsked[0]!.split(' ');
    expect(asked).toEqual(expect.arrayContaining(['openid', 'offline_access', 'User.Read']));
    expect(asked).not.toContain('GroupMember.Read.All');
    expect(ms.requests).toContain('GET /common/oauth2/v2.0/authorize');
    expect(state.groups).toEqual([0, 1, 2].map((i) => ({ id: groupId(i), name: groupId(i) })));
    expect(state.groupNames).toEqual([groupId(0), groupId(1), groupId(2)]);
    expect(memberOfCalls()).toBe(0);
    expect(state.unavailable).toBeUndefined();
    // The user: Graph's /me, normalised and whole.
    expect(payload.user).toMatchObject({
      id: ME.id,
      name: 'Megan Bowen',
      email: ME.mail,
      login: ME.userPrincipalName,
    });
    expect(payload.user?.claims).toEqual(ME);
  });

  it('with the overage claim (more groups than the token holds) reads every Graph page, following @odata.nextLink', async () => {
    ms.groups = 201;
    ms.pageSize = 150;
    const { state } = await signedIn(azure());
    expect(memberOfCalls()).toBe(2);
    expect(state.groups).toHaveLength(201);
    expect(state.groups![0]).toMatchObject({
      id: groupId(0),
      name: groupName(0),
      '@odata.type': '#microsoft.graph.group',
    });
    expect(state.groupNames![200]).toBe(groupName(200));
    expect(ms.scopesAsked[0]!.split(' ')).not.toContain('GroupMember.Read.All');
  });

  it("signs in without groups when Graph answers 403, saying the tenant's administrator must consent", async () => {
    ms.groups = 250;
    ms.memberOfStatus = 403;
    const { state } = await signedIn(azure());
    expect(state.groups).toBeNull();
    expect(state.groupNames).toBeNull();
    expect(state.unavailable?.groups).toMatch(
      /^Microsoft did not share the groups \(the tenant's administrator must first consent to the app's GroupMember\.Read\.All permission/,
    );
    // No token and no raw Graph body in what the user reads.
    expect(state.unavailable?.groups).not.toMatch(/Bearer|eyJ|Authorization_RequestDenied/);
    expect(state.user?.id).toBe(ME.id);
  });

  it('"groupsSource": "graph" asks for GroupMember.Read.All and reads Graph, named groups', async () => {
    const { state } = await signedIn(azure({ groupsSource: 'graph' }));
    expect(ms.scopesAsked[0]!.split(' ')).toContain('GroupMember.Read.All');
    expect(ms.scopesAsked[0]!.split(' ')).not.toContain('openid');
    expect(memberOfCalls()).toBe(1);
    expect(state.groupNames).toEqual([groupName(0), groupName(1), groupName(2)]);
  });

  it('an app registration without the groups claim signs in and says how to add it', async () => {
    ms.groupsClaim = false;
    const { state } = await signedIn(azure());
    expect(state.groups).toBeNull();
    expect(state.unavailable?.groups).toContain('Add groups claim');
    expect(memberOfCalls()).toBe(0);
  });

  it('asks for no groups scope at all without fetchGroups', async () => {
    const { state } = await signedIn(azure({ fetchGroups: false }));
    expect(ms.scopesAsked[0]!.split(' ').sort()).toEqual(['User.Read', 'offline_access']);
    expect(state.groups).toBeNull();
  });

  it('an imported Microsoft token (no ID token with it) signs in, with the groups said to be unavailable', async () => {
    const rec = await signInServiceFor([azure()]);
    track(rec.service);
    const state = await rec.service.importToken(
      'azure',
      JSON.stringify({
        access_token: await tokenFromFixture('User.Read'),
        token_type: 'Bearer',
        scope: ['User.Read'],
      }),
    );
    expect(state).toMatchObject({ status: 'signedIn', groups: null, user: { id: ME.id } });
    expect(state.status === 'signedIn' && state.unavailable?.groups).toContain(
      'none came with this access token',
    );
  });
});

/** An access token from the fixture's own endpoints by a real code grant, as another app would hold one. */
async function tokenFromFixture(scope: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirect = 'http://127.0.0.1:1/callback/other-app';
  const authorize = new URL(`http://${ms.host}/common/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirect,
    scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 's',
  }).toString();
  const code = new URL(
    (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!,
  ).searchParams.get('code')!;
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
