import { describe, expect, it } from 'vitest';
import { checkEntraIdToken } from '../../../../src/main/auth/providers/azure-id-token.ts';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const NOW = 1_800_000_000_000;
const rules = {
  tokenEndpoint: 'x',
  authority: 'https://login.microsoftonline.com',
  clientId: 'app',
  tenant: 'common',
  now: () => NOW,
};
const jwt = (claims: Record<string, unknown>) =>
  `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const good = {
  tid: TID,
  iss: `https://login.microsoftonline.com/${TID}/v2.0`,
  aud: 'app',
  exp: NOW / 1000 + 60,
  groups: ['g'],
};

describe('checkEntraIdToken', () => {
  it('takes an ID token whose iss names its own tenant, for an entry configured as common or a domain', () => {
    expect(checkEntraIdToken(jwt(good), rules)).toEqual(good);
    expect(checkEntraIdToken(jwt(good), { ...rules, tenant: 'contoso.onmicrosoft.com' })).toEqual(good);
    expect(checkEntraIdToken(jwt(good), { ...rules, tenant: TID.toUpperCase() })).toEqual(good);
  });

  it.each([
    ['another audience', { aud: 'other-app' }],
    [
      'an issuer that is not its tenant',
      { iss: 'https://evil.example/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0' },
    ],
    ['no tenant id', { tid: undefined }],
    ['expired more than five minutes ago', { exp: NOW / 1000 - 301 }],
  ])('refuses one with %s', (_why, change) => {
    expect(checkEntraIdToken(jwt({ ...good, ...change }), rules)).toBeNull();
  });

  it('refuses a token of another tenant when the entry names a tenant id, and what is not a JWT', () => {
    expect(
      checkEntraIdToken(jwt(good), { ...rules, tenant: '11111111-1111-1111-1111-111111111111' }),
    ).toBeNull();
    expect(checkEntraIdToken('not-a-jwt', rules)).toBeNull();
    expect(checkEntraIdToken('a.!!!.c', rules)).toBeNull();
  });
});
