/**
 * The gitlab type against a real OpenID provider on 127.0.0.1 shaped like GitLab (gitlab-fixture.ts says
 * from which documentation), signed in through the full authorization code flow and a real redirect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { track } from '../../../helpers/disposables.ts';
import { approveOverHttp } from '../../../helpers/idp-http.ts';
import { signInServiceFor } from '../../../helpers/sign-in.ts';
import {
  CONFIDENTIAL_APP,
  CONFIDENTIAL_SECRET,
  PUBLIC_APP,
  startGitLabFixture,
  type GitLabFixture,
} from './gitlab-fixture.ts';

let gl: GitLabFixture;
beforeAll(async () => {
  gl = await startGitLabFixture();
});
afterAll(async () => {
  await gl?.close();
});

const gitlab = (extra: Record<string, unknown> = {}) => ({
  type: 'gitlab',
  host: gl.host,
  allowInsecureHttp: true,
  clientId: PUBLIC_APP,
  ...extra,
});

/** Signs in as the user would: GitLab's sign-in page, its "Authorize application" page, the redirect back. */
async function signedIn(entry: Record<string, unknown>) {
  const rec = await signInServiceFor([entry]);
  track(rec.service);
  const { authorizationUrl } = await rec.service.signIn('gitlab');
  const done = rec.next('auth.signedIn', 'gitlab');
  const callback = await approveOverHttp(authorizationUrl, 'ada');
  const landing = await (await fetch(callback)).text();
  const payload = await done;
  const state = rec.service.overview().providers[0]!.state;
  return { rec, authorizationUrl: new URL(authorizationUrl), landing, payload, state };
}

const groupsOf = (state: { status: string; groupNames?: string[] | null }) =>
  state.status === 'signedIn' ? state.groupNames : undefined;

describe('GitLab', () => {
  it('signs in at /oauth/authorize with openid profile email, PKCE and a nonce, and reads the user from the shared claims', async () => {
    const { authorizationUrl: url, landing, payload, state } = await signedIn(gitlab());
    expect(`${url.origin}${url.pathname}`).toBe(`http://${gl.host}/oauth/authorize`);
    expect(url.searchParams.get('scope')).toBe('openid profile email');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/gitlab$/);
    expect(landing).toContain('Signed in with GitLab');
    // sub is the user's ID; nickname / preferred_username the username; with the email scope, email is the
    // primary address (not the public one); picture the avatar.
    expect(payload.user).toMatchObject({
      id: '4521',
      name: 'Ada Lovelace',
      login: 'ada',
      email: 'ada@analytical.example',
      avatarUrl: `http://${gl.host}/uploads/-/system/user/avatar/4521/avatar.png`,
    });
    // The claims whole, GitLab's own among them (sub_legacy, website), beside the normalised fields.
    expect(payload.user?.claims).toMatchObject({
      sub: '4521',
      sub_legacy: 'legacy-4521',
      website: 'https://ada.example',
    });
    // GitLab always issues a refresh token; groups are read only when asked.
    expect(state).toMatchObject({ status: 'signedIn', hasRefreshToken: true, groups: null });
    expect(gl.requests).toEqual(
      expect.arrayContaining([
        'GET /.well-known/openid-configuration',
        'POST /oauth/token',
        expect.stringMatching(/^(GET|POST) \/oauth\/userinfo$/),
      ]),
    );
  });

  it('groups are the groups claim: every group the user is in, directly or through an ancestor, by full path', async () => {
    const { authorizationUrl: url, state } = await signedIn(gitlab({ fetchGroups: true }));
    // GitLab releases its group claims with the openid scope: there is no scope to ask for them.
    expect(url.searchParams.get('scope')).toBe('openid profile email');
    expect(groupsOf(state)).toEqual([
      'analytical-engines',
      'poetical-science/notes',
      'analytical-engines/difference',
      'analytical-engines/difference/mill',
    ]);
  });

  it('groupsClaim "groups_direct" gives the direct memberships, which GitLab puts in the ID token only', async () => {
    const { state } = await signedIn(gitlab({ fetchGroups: true, groupsClaim: 'groups_direct' }));
    expect(groupsOf(state)).toEqual(['analytical-engines', 'poetical-science/notes']);
  });

  it('groupsClaim can name a role claim, e.g. the groups the user owns', async () => {
    const { state } = await signedIn(
      gitlab({ fetchGroups: true, groupsClaim: 'https://gitlab.org/claims/groups/owner' }),
    );
    expect(groupsOf(state)).toEqual(['analytical-engines']);
  });

  it('a confidential application sends its secret in the form by default (client_secret_post)', async () => {
    const { payload } = await signedIn(
      gitlab({ clientId: CONFIDENTIAL_APP, clientSecret: CONFIDENTIAL_SECRET }),
    );
    expect(payload.user?.id).toBe('4521');
  });

  it('refreshes at /oauth/token, and the refreshed token replaces the old one', async () => {
    const { rec, state } = await signedIn(gitlab());
    const before = state.status === 'signedIn' ? state.fingerprint : null;
    const tokenCalls = gl.requests.filter((r) => r === 'POST /oauth/token').length;
    const after = await rec.service.refresh('gitlab');
    expect(after).toMatchObject({ status: 'signedIn', hasRefreshToken: true });
    expect(after.status === 'signedIn' && after.fingerprint).not.toBe(before);
    expect(gl.requests.filter((r) => r === 'POST /oauth/token').length).toBe(tokenCalls + 1);
  });

  it('sign-out revokes the token at /oauth/revoke', async () => {
    const { rec } = await signedIn(gitlab());
    const before = gl.requests.filter((r) => r === 'POST /oauth/revoke').length;
    await rec.service.signOut('gitlab');
    expect(gl.requests.filter((r) => r === 'POST /oauth/revoke').length).toBeGreaterThan(before);
    expect(rec.service.overview().providers[0]!.state).toMatchObject({ status: 'signedOut' });
  });

  it('offers a device code from /oauth/authorize_device, which GitLab leaves out of its discovery document', async () => {
    const discovery = (await (await fetch(`${gl.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.device_authorization_endpoint).toBeUndefined();
    const rec = await signInServiceFor([gitlab()]);
    track(rec.service);
    const device = await rec.service.signInWithDevice('gitlab');
    expect(device.verificationUri).toBe(`http://${gl.host}/oauth/device`);
    expect(device.userCode).toMatch(/\w/);
    expect(gl.requests).toContain('POST /oauth/authorize_device');
    expect(rec.service.cancel('gitlab')).toBe(true);
  });

  it('speaks plain http to a loopback host only with "allowInsecureHttp": true', async () => {
    const rec = await signInServiceFor([gitlab({ allowInsecureHttp: undefined })]);
    track(rec.service);
    // Without it the host is reached over https, which this plain-http server cannot answer.
    await expect(rec.service.signIn('gitlab')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
