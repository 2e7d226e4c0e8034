/**
 * A remembered sign-in is restored only to a provider with the same binding, and users' vaults hold the
 * bindings computed today: these strings were recorded from the code before provider types became modules,
 * and must never change for an existing type.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderSettings } from '../../../../src/main/auth/config/types.ts';
import { bindingOf } from '../../../../src/main/auth/providers/flow-options.ts';

const pinned: Array<[string, Record<string, unknown>, string]> = [
  ['github.com', { type: 'github', clientId: 'Iv1.abc' }, '["github","Iv1.abc",null,null,null]'],
  [
    'GitHub Enterprise Server',
    { type: 'github', clientId: 'Iv1.def', clientSecret: 's', host: 'github.example.com' },
    '["github","Iv1.def","github.example.com",null,null]',
  ],
  ['google', { type: 'google', clientId: 'g.apps', clientSecret: 'x' }, '["google","g.apps",null,null,null]'],
  ['azure, no tenant', { type: 'azure', clientId: '0000' }, '["azure","0000",null,null,null]'],
  [
    'azure with a tenant',
    { type: 'azure', clientId: '0000', tenant: 'contoso.onmicrosoft.com' },
    '["azure","0000","contoso.onmicrosoft.com",null,null]',
  ],
  [
    // A national cloud's hosts are part of what the tokens belong to (the default cloud's keep the old shape).
    'azure in a national cloud',
    {
      type: 'azure',
      clientId: '0000',
      tenant: 'contoso.us',
      authorityHost: 'login.microsoftonline.us',
      graphHost: 'graph.microsoft.us',
    },
    '["azure","0000","login.microsoftonline.us/contoso.us graph.microsoft.us",null,null]',
  ],
  [
    'azure with groupsSource (not part of the binding)',
    { type: 'azure', clientId: '0000', groupsSource: 'graph' },
    '["azure","0000",null,null,null]',
  ],
  [
    'auth0',
    { type: 'auth0', clientId: 'z', domain: 'tenant.eu.auth0.com', audience: 'https://api' },
    '["auth0","z","tenant.eu.auth0.com",null,null]',
  ],
  [
    'oidc',
    { type: 'oidc', clientId: 'c', issuer: 'https://sso.example.com/realms/corp' },
    '["oidc","c","https://sso.example.com/realms/corp",null,null]',
  ],
  [
    'oauth2',
    {
      type: 'oauth2',
      clientId: 'f',
      authorizationEndpoint: 'https://forge.example/oauth/authorize',
      tokenEndpoint: 'https://forge.example/oauth/token',
      userEndpoint: 'https://forge.example/api/me',
    },
    '["oauth2","f",null,"https://forge.example/oauth/authorize","https://forge.example/oauth/token"]',
  ],
  ['demo', { type: 'demo' }, '["demo",null,null,null,null]'],
];

/** Types added since: their first binding, pinned the same way from now on. */
const added: Array<[string, Record<string, unknown>, string]> = [
  ['gitlab.com', { type: 'gitlab', clientId: 'abc123' }, '["gitlab","abc123",null,null,null]'],
  [
    'GitLab Self-Managed',
    { type: 'gitlab', clientId: 'abc123', host: 'gitlab.example.com' },
    '["gitlab","abc123","gitlab.example.com",null,null]',
  ],
];

describe('identity binding', () => {
  it.each([...pinned, ...added])('is unchanged for %s', (_name, entry, binding) => {
    const settings = { id: String(entry.type), name: 'X', ...entry } as ProviderSettings;
    expect(bindingOf(settings)).toBe(binding);
  });

  it('ignores fields that do not identify the tokens (name, id, secret, scopes, options)', () => {
    const base = { type: 'github', clientId: 'Iv1.abc', id: 'github', name: 'GitHub' } as ProviderSettings;
    const other = {
      ...base,
      id: 'gh2',
      name: 'Other',
      clientSecret: 'secret',
      scopes: ['repo'],
      fetchGroups: true,
    } as ProviderSettings;
    expect(bindingOf(other)).toBe(bindingOf(base));
  });
});
