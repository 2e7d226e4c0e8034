/** What goes on the authorization request beside the flow's own parameters; Google's consent prompt. */
import { describe, expect, it } from 'vitest';
import {
  authorizationParamsFor,
  loginHintOf,
  missingScopes,
} from '../../../src/main/auth/authorization-params.ts';
import { createRuntime } from '../../../src/main/auth/providers/index.ts';
import type { ProviderSettings } from '../../../src/main/auth/config/types.ts';
import { RESERVED_AUTHORIZATION_PARAMS } from '../../../src/shared/authorization-params.ts';

const runtimeFor = (entry: Record<string, unknown>) =>
  createRuntime({ clientId: 'app', name: 'X', id: 'x', ...entry } as unknown as ProviderSettings, {
    demoIssuer: async () => 'http://127.0.0.1:9',
    demoClientId: 'demo',
  });

describe('authorization parameters', () => {
  it('Google asks for consent only while the account has no refresh token', () => {
    const google = runtimeFor({ type: 'google' });
    const first = authorizationParamsFor(google, { addAccount: false, hasRefreshToken: false });
    expect(first).toMatchObject({ access_type: 'offline', prompt: 'consent' });
    const again = authorizationParamsFor(google, { addAccount: false, hasRefreshToken: true });
    expect(again.prompt).toBeUndefined();
    expect(again.access_type).toBe('offline');
    expect(authorizationParamsFor(google, { addAccount: true, hasRefreshToken: true }).prompt).toBe(
      'select_account consent',
    );
  });

  it('"Add another account" opens each type’s account picker or login', () => {
    const add = { addAccount: true, hasRefreshToken: false };
    expect(authorizationParamsFor(runtimeFor({ type: 'github' }), add).prompt).toBe('select_account');
    expect(authorizationParamsFor(runtimeFor({ type: 'azure' }), add).prompt).toBe('select_account');
    expect(
      authorizationParamsFor(runtimeFor({ type: 'oidc', issuer: 'https://idp.example.test' }), add).prompt,
    ).toBe('login');
    expect(
      authorizationParamsFor(runtimeFor({ type: 'github' }), { addAccount: false, hasRefreshToken: false })
        .prompt,
    ).toBeUndefined();
  });

  it('type < entry < computed < call: an entry default never undoes what a sign-in needs; a call says last', () => {
    const google = runtimeFor({
      type: 'google',
      authorizationParams: { prompt: 'none', hd: 'example.test' },
    });
    // Nothing computed: the entry's prompt goes.
    expect(authorizationParamsFor(google, { addAccount: false, hasRefreshToken: true }).prompt).toBe('none');
    // Consent for an account without a refresh token beats the entry's default.
    const params = authorizationParamsFor(google, {
      addAccount: false,
      hasRefreshToken: false,
      call: { hd: 'other.test' },
      loginHint: 'ada@example.test',
    });
    expect(params).toMatchObject({ prompt: 'consent', hd: 'other.test', login_hint: 'ada@example.test' });
    const call = { prompt: 'login' };
    expect(authorizationParamsFor(google, { addAccount: true, hasRefreshToken: false, call }).prompt).toBe(
      'login',
    );
  });

  it('refuses every parameter the flow sets itself, in any case', () => {
    const oidc = runtimeFor({ type: 'oidc', issuer: 'https://idp.example.test' });
    for (const name of [...RESERVED_AUTHORIZATION_PARAMS, 'STATE', 'Redirect_Uri']) {
      expect(
        () =>
          authorizationParamsFor(oidc, { addAccount: false, hasRefreshToken: false, call: { [name]: 'x' } }),
        name,
      ).toThrow(/is set by the sign-in itself/);
    }
    expect(() =>
      authorizationParamsFor(oidc, { addAccount: false, hasRefreshToken: false, call: { 'bad name': 'x' } }),
    ).toThrow(/not a parameter name/);
  });

  it('the login hint is the e-mail, else the preferred username, else the login', () => {
    expect(loginHintOf({ id: '1', email: 'a@x.test', login: 'a' })).toBe('a@x.test');
    expect(loginHintOf({ id: '1', login: 'a', claims: { preferred_username: 'a@corp.test' } })).toBe(
      'a@corp.test',
    );
    expect(loginHintOf({ id: '1', login: 'octocat' })).toBe('octocat');
    expect(loginHintOf(null)).toBeUndefined();
  });

  it('missing scopes are those wanted and not granted, once each', () => {
    expect(missingScopes(['openid', 'email'], ['email', 'groups', 'groups', 'repo'])).toEqual([
      'groups',
      'repo',
    ]);
    expect(missingScopes(['openid'], [])).toEqual([]);
  });
});
