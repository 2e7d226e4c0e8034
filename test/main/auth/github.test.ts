import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OCTOCAT, startGitHubFixture, type GitHubFixture } from '../../helpers/github-fixture.ts';
import { track } from '../../helpers/disposables.ts';
import { signInServiceFor } from '../../helpers/sign-in.ts';

let gh: GitHubFixture;
beforeAll(async () => {
  gh = await startGitHubFixture();
});
afterAll(async () => {
  await gh?.close();
});
beforeEach(() => {
  Object.assign(gh, {
    rejectCodes: false,
    teams: 1,
    teamsStatus: 200,
    emailsStatus: 200,
    expiring: false,
    badRefresh: false,
  });
});

async function signedIn(entry: Record<string, unknown>) {
  const rec = await signInServiceFor([entry]);
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn(String(entry.id ?? 'github'));
  const done = rec.next('auth.signedIn', String(entry.id ?? 'github'));
  await completeInBrowser(authorizationUrl);
  await done;
  return rec;
}

const github = (extra = {}) => ({
  type: 'github',
  clientId: 'Iv1.test',
  clientSecret: 'gh-secret',
  host: gh.host,
  allowInsecureHttp: true,
  ...extra,
});

/** GitHub approves at once here, so following redirects is the whole browser trip. */
async function completeInBrowser(authorizationUrl: string): Promise<string> {
  return (await fetch(authorizationUrl)).text();
}

describe('GitHub through the Enterprise host option', () => {
  it('uses the Enterprise endpoints and reads user, primary e-mail and teams', async () => {
    const rec = await signInServiceFor([github({ fetchGroups: true })]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('github');
    const url = new URL(authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`http://${gh.host}/login/oauth/authorize`);
    expect(url.searchParams.get('scope')).toBe('read:user user:email read:org');
    expect(url.searchParams.get('nonce')).toBeNull();
    const done = rec.next('auth.signedIn', 'github');
    expect(await completeInBrowser(authorizationUrl)).toContain('Signed in with GitHub');
    const user = (await done).user;
    expect(user).toMatchObject({
      id: '583231',
      name: 'The Octocat',
      login: 'octocat',
      email: 'octocat@github.example',
      avatarUrl: 'https://avatars.example/u/583231',
    });
    // The /user JSON whole, as GitHub sent it (Flet's User): company, blog, location, …
    expect(user?.claims).toEqual(OCTOCAT);
    expect(user?.claimsCut).toBeUndefined();
    const state = rec.service.overview().providers[0]!.state;
    expect(state).toMatchObject({
      status: 'signedIn',
      // Flet's Group: the team JSON with `name` the team's name; slug, org and org/slug beside it.
      groups: [
        expect.objectContaining({
          id: '1000',
          name: 'Core',
          slug: 'core',
          org: 'octo-org',
          path: 'octo-org/core',
          description: 'The core team',
        }),
      ],
      groupNames: ['Core'],
      scopes: ['read:user', 'user:email', 'read:org'],
      hasRefreshToken: false,
    });
    const repos = await rec.service.request('github', { url: `http://${gh.host}/api/v3/user/repos` });
    expect(JSON.parse(repos.body)).toEqual([{ full_name: 'octocat/hello-world' }]);
  });

  it("maps GitHub's HTTP 200 token errors to real errors", async () => {
    gh.rejectCodes = true;
    const rec = await signInServiceFor([github()]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('github');
    const failed = rec.next('auth.signInFailed', 'github');
    expect(await completeInBrowser(authorizationUrl)).toContain('bad_verification_code');
    expect(await failed).toEqual({
      providerId: 'github',
      error: 'bad_verification_code',
      errorDescription: 'The code passed is incorrect or expired.',
    });
  });

  it('device flow: authorization_pending (HTTP 200 at GitHub) then success', async () => {
    const rec = await signInServiceFor([github({ clientSecret: undefined })]);
    track(rec.service);
    const before = gh.tokenRequests;
    const device = await rec.service.signInWithDevice('github');
    expect(device).toMatchObject({
      userCode: 'WDJB-MJHT',
      verificationUri: `http://${gh.host}/login/device`,
    });
    const done = await rec.next('auth.signedIn', 'github');
    expect(done.user?.login).toBe('octocat');
    expect(gh.tokenRequests - before).toBe(2);
  });

  it('the token is sent only to the GitHub API origin', async () => {
    const rec = await signInServiceFor([github()]);
    track(rec.service);
    const { authorizationUrl } = await rec.service.signIn('github');
    const done = rec.next('auth.signedIn', 'github');
    await completeInBrowser(authorizationUrl);
    await done;
    await expect(
      rec.service.request('github', { url: 'https://api.github.com.evil.example/user' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reads every team, following Link: rel="next" (105 teams, two pages)', async () => {
    gh.teams = 105;
    const rec = await signedIn(github({ fetchGroups: true }));
    const state = rec.service.overview().providers[0]!.state;
    const groups = state.status === 'signedIn' ? (state.groups ?? []) : [];
    expect(groups).toHaveLength(105);
    expect(groups[0]).toMatchObject({ name: 'Core', path: 'octo-org/core' });
    expect(groups[104]).toMatchObject({ name: 'Team 104', path: 'octo-org/team-104' });
  });

  it('keeps every team of a large membership, with only their core fields once the list passes 256 KiB', async () => {
    gh.teams = 600;
    const rec = await signedIn(github({ fetchGroups: true }));
    const state = rec.service.overview().providers[0]!.state;
    const groups = state.status === 'signedIn' ? (state.groups ?? []) : [];
    expect(groups).toHaveLength(600);
    expect(groups[599]).toEqual({
      id: '1599',
      name: 'Team 599',
      slug: 'team-599',
      org: 'octo-org',
      path: 'octo-org/team-599',
    });
  });

  it('signs in without teams or e-mail when a GitHub App may not read them (403), and says why', async () => {
    gh.teamsStatus = 403;
    gh.emailsStatus = 403;
    const rec = await signedIn(github({ fetchGroups: true }));
    const state = rec.service.overview().providers[0]!.state;
    expect(state).toMatchObject({
      status: 'signedIn',
      groups: null,
      user: { login: 'octocat' },
      unavailable: {
        groups: expect.stringContaining('answered 403 for /api/v3/user/teams'),
        email: expect.stringContaining('answered 403 for /api/v3/user/emails'),
      },
    });
    expect((state as { user: { email?: string } }).user.email).toBeUndefined();
  });

  it("a refresh answered bad_refresh_token signs out with GitHub's own description", async () => {
    gh.expiring = true;
    const rec = await signedIn(github());
    gh.badRefresh = true;
    const out = rec.next('auth.signedOut', 'github');
    await expect(rec.service.refresh('github')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await out).reason).toContain(
      'bad_refresh_token: The refresh token passed is incorrect or expired.',
    );
  });

  it('the generic oauth2 type completes a device flow whose server says authorization_pending with HTTP 200', async () => {
    const rec = await signInServiceFor([
      {
        type: 'oauth2',
        id: 'forge',
        name: 'Forge',
        clientId: 'forge-client',
        authorizationEndpoint: `http://${gh.host}/login/oauth/authorize`,
        tokenEndpoint: `http://${gh.host}/login/oauth/access_token`,
        deviceAuthorizationEndpoint: `http://${gh.host}/login/device/code`,
        userEndpoint: `http://${gh.host}/api/v3/user`,
        allowInsecureHttp: true,
      },
    ]);
    track(rec.service);
    const before = gh.tokenRequests;
    await rec.service.signInWithDevice('forge');
    const done = await rec.next('auth.signedIn', 'forge');
    expect(done.user?.id).toBe('583231');
    expect(gh.tokenRequests - before).toBe(2);
  });
});
