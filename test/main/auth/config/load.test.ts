import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadProviderConfig } from '../../../../src/main/auth/config/load.ts';
import { parseProviderEntries } from '../../../../src/main/auth/config/parse-entries.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';

async function file(content: string): Promise<string> {
  const f = path.join(tempDir(), 'providers.json');
  await writeFile(f, content);
  return f;
}

describe('providers file', () => {
  it('loads every documented type', async () => {
    const f = await file(
      JSON.stringify({
        providers: [
          { type: 'github', clientId: 'gh', clientSecret: 's', host: 'github.example.com' },
          { type: 'gitlab', clientId: 'gl', host: 'gitlab.example.com' },
          { type: 'google', clientId: 'g' },
          { type: 'azure', clientId: 'a', tenant: 'contoso.onmicrosoft.com' },
          { type: 'auth0', clientId: 'z', domain: 'tenant.eu.auth0.com', audience: 'https://api.example' },
          {
            type: 'oidc',
            id: 'corp',
            name: 'Corp SSO',
            issuer: 'https://sso.example.com',
            clientId: 'c',
            groupsClaim: 'roles',
          },
          {
            type: 'oauth2',
            id: 'forge',
            name: 'Forge',
            clientId: 'f',
            authorizationEndpoint: 'https://forge.example/oauth/authorize',
            tokenEndpoint: 'https://forge.example/oauth/token',
            userEndpoint: 'https://forge.example/api/me',
            userIdField: 'data.id',
          },
          { type: 'demo' },
        ],
      }),
    );
    const config = await loadProviderConfig({ file: f, env: {} });
    expect(config.problems).toEqual([]);
    expect(config.providers.map((p) => [p.id, p.name])).toEqual([
      ['github', 'GitHub'],
      ['gitlab', 'GitLab'],
      ['google', 'Google'],
      ['azure', 'Microsoft'],
      ['auth0', 'Auth0'],
      ['corp', 'Corp SSO'],
      ['forge', 'Forge'],
      ['demo', 'Demo'],
    ]);
  });

  it('names the entry and the field of each bad entry, and keeps the good ones', async () => {
    const f = await file(
      JSON.stringify({
        providers: [
          { type: 'oidc', id: 'corp', clientId: 'c', issuer: 'not a url' },
          { type: 'github' },
          { type: 'myspace', clientId: 'x' },
          { type: 'google', clientId: 'ok' },
          { type: 'google', clientId: 'dup' },
          { type: 'oidc', clientId: 'c', issuer: 'https://x.example' },
          { type: 'oidc', id: 'Bad Id', clientId: 'c', issuer: 'https://x.example' },
        ],
      }),
    );
    const config = await loadProviderConfig({ file: f, env: {} });
    expect(config.providers.map((p) => p.id)).toEqual(['google']);
    const byEntry = config.problems.map((p) => `${p.entry} | ${p.field}`);
    expect(byEntry).toEqual([
      'providers[0] (id "corp") | issuer',
      'providers[1] | clientId',
      'providers[2] | type',
      'providers[4] | id',
      'providers[5] | id',
      'providers[6] (id "Bad Id") | id',
    ]);
    expect(config.problems[3]!.message).toContain('earlier entry');
    expect(config.problems[4]!.message).toContain('required');
  });

  it.each([
    ['a missing file', null, /^cannot be read: there is no file at this path \(ENOENT\)$/],
    ['invalid JSON', '{"providers": [', /^is not valid JSON: it ends too early$/],
  ])('reports %s, with the path, and offers no demo instead', async (_name, content, message) => {
    const f = content === null ? path.join(tempDir(), 'missing.json') : await file(content);
    const config = await loadProviderConfig({ file: f, env: {} });
    expect(config.problems).toEqual([{ entry: f, field: '(file)', message: expect.stringMatching(message) }]);
    expect(config.providers).toEqual([]);
    // --demo-idp still adds it.
    const forced = await loadProviderConfig({ file: f, env: {}, forceDemo: true });
    expect(forced.providers.map((p) => p.id)).toEqual(['demo']);
  });

  it('a file with no providers list says it is required, and suggests the key that was meant', async () => {
    const f = await file('{"provider": []}');
    const config = await loadProviderConfig({ file: f, env: {} });
    expect(config.problems).toEqual([
      { entry: f, field: 'provider', message: 'is not a known field; did you mean "providers"?' },
      { entry: f, field: 'providers', message: 'is required' },
    ]);
    expect(config.providers).toEqual([]);
  });

  it('reports an unknown top-level key (a typo) and still loads the entries', async () => {
    const f = await file(
      JSON.stringify({
        providers: [{ type: 'google', clientId: 'g' }],
        completePageHTML: '<h1>Done</h1>',
        theme: 'dark',
      }),
    );
    const config = await loadProviderConfig({ file: f, env: {} });
    expect(config.problems).toEqual([
      {
        entry: f,
        field: 'completePageHTML',
        message: 'is not a known field; did you mean "completePageHtml"?',
      },
      { entry: f, field: 'theme', message: 'is not a known field' },
    ]);
    expect(config.providers.map((p) => p.id)).toEqual(['google']);
    expect(config.completePageHtml).toBeUndefined();
  });

  it('allows plain http only for loopback issuers that opt in', () => {
    const http = (issuer: string, allow?: boolean) =>
      parseProviderEntries([
        {
          type: 'oidc',
          id: 'x',
          clientId: 'c',
          issuer,
          ...(allow === undefined ? {} : { allowInsecureHttp: allow }),
        },
      ]);
    expect(http('http://127.0.0.1:9000', true).providers).toHaveLength(1);
    expect(http('http://localhost:9000/realms/x', true).providers).toHaveLength(1);
    expect(http('http://127.0.0.1:9000').problems[0]!.message).toContain('allowInsecureHttp');
    expect(http('http://sso.example.com', true).problems[0]!.message).toContain('https');
  });

  it('accepts only loopback redirect URIs with a port', () => {
    const r = (redirectUri: string) =>
      parseProviderEntries([{ type: 'auth0', clientId: 'c', domain: 'x.auth0.com', redirectUri }]);
    expect(r('http://localhost:3000/callback').providers).toHaveLength(1);
    expect(r('http://127.0.0.1:8400/cb').providers).toHaveLength(1);
    expect(r('https://app.example/callback').problems[0]!.field).toBe('redirectUri');
    expect(r('http://127.0.0.1/callback').problems[0]!.field).toBe('redirectUri');
  });

  it('takes built-ins from environment variables, unless the file names that id', async () => {
    const env = {
      GITHUB_CLIENT_ID: 'env-gh',
      GITHUB_CLIENT_SECRET: 'env-secret',
      GOOGLE_CLIENT_ID: 'env-g',
      AZURE_CLIENT_ID: 'env-a',
      AZURE_TENANT: 'contoso',
      AUTH0_DOMAIN: 'x.auth0.com',
      AUTH0_CLIENT_ID: 'env-z',
    };
    const f = await file(JSON.stringify({ providers: [{ type: 'google', clientId: 'from-file' }] }));
    const config = await loadProviderConfig({ file: f, env });
    expect(config.providers.map((p) => [p.id, 'clientId' in p ? p.clientId : null])).toEqual([
      ['google', 'from-file'],
      ['github', 'env-gh'],
      ['azure', 'env-a'],
      ['auth0', 'env-z'],
    ]);
  });

  it('takes GitLab from GITLAB_CLIENT_ID, GITLAB_CLIENT_SECRET and GITLAB_HOST', async () => {
    const config = await loadProviderConfig({
      env: {
        GITLAB_CLIENT_ID: 'env-gl',
        GITLAB_CLIENT_SECRET: 'gl-secret',
        GITLAB_HOST: 'gitlab.example.com',
      },
    });
    expect(config.problems).toEqual([]);
    expect(config.providers).toEqual([
      {
        type: 'gitlab',
        id: 'gitlab',
        name: 'GitLab',
        clientId: 'env-gl',
        clientSecret: 'gl-secret',
        host: 'gitlab.example.com',
      },
    ]);
    const com = await loadProviderConfig({ env: { GITLAB_CLIENT_ID: 'env-gl' } });
    expect(com.providers).toEqual([{ type: 'gitlab', id: 'gitlab', name: 'GitLab', clientId: 'env-gl' }]);
  });

  it("checks a GitLab entry: host is a host name (not a URL), groupsClaim one of GitLab's group claims", () => {
    const gl = (extra: Record<string, unknown>) =>
      parseProviderEntries([{ type: 'gitlab', clientId: 'c', ...extra }]);
    expect(gl({ host: 'gitlab.example.com:8443' }).providers).toHaveLength(1);
    expect(gl({ host: '[::1]:8080', allowInsecureHttp: true }).providers).toHaveLength(1);
    expect(gl({ groupsClaim: 'groups_direct' }).providers).toHaveLength(1);
    expect(gl({ host: 'https://gitlab.example.com' }).problems[0]!.field).toBe('host');
    expect(gl({ groupsClaim: 'roles' }).problems[0]!.field).toBe('groupsClaim');
  });

  it('offers the demo when nothing is configured, or when asked', async () => {
    expect((await loadProviderConfig({ env: {} })).providers.map((p) => p.id)).toEqual(['demo']);
    const config = await loadProviderConfig({ env: { GOOGLE_CLIENT_ID: 'g' }, forceDemo: true });
    expect(config.providers.map((p) => p.id)).toEqual(['google', 'demo']);
    expect((await loadProviderConfig({ env: { GOOGLE_CLIENT_ID: 'g' } })).providers.map((p) => p.id)).toEqual(
      ['google'],
    );
  });

  it('builds no schema when nothing is configured (the demo starts without them)', async () => {
    // Fresh modules, so that importing the loader is watched too, not only the call.
    vi.resetModules();
    const registry = await import('../../../../src/main/auth/providers/registry.ts');
    const spies = registry.PROVIDER_TYPE_LIST.map((t) => vi.spyOn(t, 'schema'));
    const { loadProviderConfig: load } = await import('../../../../src/main/auth/config/load.ts');
    expect((await load({ env: {} })).providers.map((p) => p.id)).toEqual(['demo']);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    await load({ env: { GOOGLE_CLIENT_ID: 'g' } });
    for (const spy of spies) expect(spy).toHaveBeenCalled();
  });

  it('reads LATCHKEY_PROVIDERS and accepts a bare array', async () => {
    const f = await file(JSON.stringify([{ type: 'google', clientId: 'g' }]));
    const config = await loadProviderConfig({ env: { LATCHKEY_PROVIDERS: f } });
    expect(config.source).toBe(f);
    expect(config.providers.map((p) => p.id)).toEqual(['google']);
  });
});

describe('problems in our words', () => {
  const problemsOf = (entry: Record<string, unknown>) =>
    parseProviderEntries([entry]).problems.map((p) => `${p.field}: ${p.message}`);

  it('an unknown field is reported by name instead of being ignored (a typo must not pass silently)', () => {
    expect(problemsOf({ type: 'google', clientId: 'g', fetchgroups: true })).toEqual([
      'fetchgroups: is not a known field; did you mean "fetchGroups"?',
    ]);
    expect(problemsOf({ type: 'google', clientId: 'g', colour: 'red' })).toEqual([
      'colour: is not a known field',
    ]);
  });

  it('authorizationParams: provider parameters pass, the flow’s own are refused by name', () => {
    expect(
      problemsOf({ type: 'google', clientId: 'g', authorizationParams: { hd: 'corp.example' } }),
    ).toEqual([]);
    const [problem] = problemsOf({
      type: 'google',
      clientId: 'g',
      authorizationParams: { redirect_uri: 'x' },
    });
    expect(problem).toMatch(
      /^authorizationParams: "redirect_uri" is set by the sign-in itself and cannot be changed/,
    );
    expect(problemsOf({ type: 'google', clientId: 'g', authorizationParams: { prompt: 1 } })).toHaveLength(1);
  });

  it('a misspelt required field: "is required" for the one meant, "did you mean" for the typo', () => {
    expect(problemsOf({ type: 'oidc', id: 'corp', clientId: 'c', isuer: 'https://sso.example.com' })).toEqual(
      ['issuer: is required', 'isuer: is not a known field; did you mean "issuer"?'],
    );
    expect(problemsOf({ type: 'google' })).toEqual(['clientId: is required']);
  });

  it('a missing or misspelt type', () => {
    const types = 'github, gitlab, google, azure, auth0, oidc, oauth2, demo';
    expect(problemsOf({ clientId: 'c' })).toEqual([`type: is required (one of ${types})`]);
    expect(problemsOf({ type: 'oicd', clientId: 'c' })).toEqual([
      `type: must be one of ${types}; did you mean "oidc"?`,
    ]);
    expect(problemsOf({ type: 'myspace', clientId: 'c' })).toEqual([`type: must be one of ${types}`]);
    expect(parseProviderEntries(['google']).problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '(entry): must be an object ({…}) with a "type"',
    ]);
  });

  it('every rule (type, range, length, choice, pattern, URL) in our words, never the validation library’s', () => {
    expect(
      problemsOf({
        type: 'oidc',
        id: 'corp',
        name: '',
        issuer: 'https://sso.example.com',
        clientId: 5,
        scopes: 'openid profile',
        fetchUser: 'yes',
        timeoutSeconds: 5,
      }),
    ).toEqual([
      'name: must not be empty',
      'clientId: must be a string (text in double quotes)',
      'scopes: must be a list ([…])',
      'fetchUser: must be true or false',
      'timeoutSeconds: must be at least 10',
    ]);
    expect(
      problemsOf({
        type: 'oidc',
        id: 'corp',
        name: 'x'.repeat(61),
        issuer: 'ftp://sso.example.com',
        clientId: 'c',
        clientAuthMethod: 'basic',
        timeoutSeconds: 30.5,
        scopes: ['openid', 'has space'],
        apiOrigins: [7],
      }),
    ).toEqual([
      'name: must have at most 60 characters',
      'scopes[1]: must be a scope token',
      'clientAuthMethod: must be one of "client_secret_basic", "client_secret_post"',
      'timeoutSeconds: must be a whole number',
      'apiOrigins[0]: must be a string (text in double quotes)',
      'issuer: must be an http(s) URL',
    ]);
    expect(
      problemsOf({
        type: 'oidc',
        id: 'corp',
        clientId: 'c',
        issuer: 'https://x.example',
        timeoutSeconds: 4000,
      }),
    ).toEqual(['timeoutSeconds: must be at most 3600']);
  });
});
