/** A provider's accounts: adopting, replacing the same identity, the active one, the limit. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountHost, Establish } from '../../../src/main/auth/account.ts';
import { accountIdOf, subjectOf } from '../../../src/main/auth/account-id.ts';
import { ProviderAccounts } from '../../../src/main/auth/provider-accounts.ts';
import type { ProviderRuntime } from '../../../src/main/auth/providers/types.ts';
import { MAX_ACCOUNTS_PER_PROVIDER } from '../../../src/shared/account-ids.ts';

const runtime = {
  settings: { id: 'corp', name: 'Corp' },
  configuration: () => Promise.reject(new Error('no network in this test')),
} as unknown as ProviderRuntime;

const host: AccountHost = {
  now: () => 1_000_000,
  log: { warn: vi.fn(), error: vi.fn() },
  changed: vi.fn(),
  failed: vi.fn(),
  persist: vi.fn(async () => {}),
  invalidated: vi.fn(),
};

const groups: ProviderAccounts[] = [];
afterEach(() => {
  for (const g of groups.splice(0)) for (const a of g.all()) a.close();
});

/** Signs the provider's next account in as `subject`, as a finished sign-in does. */
function signIn(provider: ProviderAccounts, subject: string, accessToken = `at-${subject}`) {
  const account = provider.next;
  const attempt = account.begin('test');
  const accountId = accountIdOf('corp', subject);
  provider.requireRoom(accountId);
  const from: Establish = {
    accountId,
    tokens: { accessToken, tokenType: 'Bearer', issuedAt: 1_000_000, scopes: ['openid'] },
    user: { id: subject },
    groups: null,
    signedInAt: 1_000_000,
    origin: 'signIn',
    fetchUser: true,
    fetchGroups: false,
    remember: false,
  };
  // As the sign-in service does: the same identity again goes to its account, a new one joins.
  if (provider.has(accountId)) {
    account.handOver(attempt);
    provider.get(accountId).renew(from);
    provider.adopt(provider.get(accountId));
  } else {
    account.signIn(attempt, from);
    provider.adopt(account);
  }
  return accountId;
}

describe('account ids', () => {
  it('are stable, per provider and subject, and reveal neither', () => {
    const id = accountIdOf('corp', 'ada@example.test');
    expect(id).toBe(accountIdOf('corp', 'ada@example.test'));
    expect(id).not.toBe(accountIdOf('other', 'ada@example.test'));
    expect(id).not.toBe(accountIdOf('corp', 'grace@example.test'));
    expect(id).toMatch(/^acct_[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('ada');
  });

  it('take the subject from the profile, else the ID token, never the token', () => {
    const tokens = { accessToken: 'secret', tokenType: 'Bearer', issuedAt: 0, scopes: [] };
    expect(subjectOf({ id: 'u1' }, { ...tokens, idTokenClaims: { sub: 's1' } })).toBe('u1');
    expect(subjectOf(null, { ...tokens, idTokenClaims: { sub: 's1' } })).toBe('s1');
    expect(subjectOf(null, tokens)).toBe('');
    // Microsoft: the same person with or without Graph's /me (whose id is the token's oid; its sub is per app).
    const microsoft = { ...tokens, idTokenClaims: { sub: 'per-app', oid: 'object-id' } };
    expect(subjectOf(null, microsoft)).toBe(subjectOf({ id: 'object-id' }, microsoft));
  });
});

describe('a provider’s accounts', () => {
  it('adds identities in order, the newest active; the same identity again replaces its session in place', async () => {
    const provider = new ProviderAccounts(runtime, host);
    groups.push(provider);
    const ada = signIn(provider, 'ada');
    const grace = signIn(provider, 'grace');
    expect(provider.list().map((a) => a.accountId)).toEqual([ada, grace]);
    expect(provider.activeId).toBe(grace);
    const account = provider.get(ada);
    const old = account.session!;
    signIn(provider, 'ada', 'at-ada-2');
    expect(provider.list().map((a) => a.accountId)).toEqual([ada, grace]);
    // The same account object: whatever holds it (a revalidation, a refresh) sees the new session.
    expect(provider.get(ada)).toBe(account);
    expect(provider.next.state.phase).toBe('signedOut');
    expect(provider.get(ada).session!.tokens.accessToken).toBe('at-ada-2');
    await expect(old.refresh()).rejects.toThrow('this sign-in has ended');
    expect(provider.activeId).toBe(ada);
  });

  it('signing out the active account makes the first remaining one active', () => {
    const provider = new ProviderAccounts(runtime, host);
    groups.push(provider);
    const ada = signIn(provider, 'ada');
    const grace = signIn(provider, 'grace');
    const account = provider.get(grace);
    account.signOut();
    provider.remove(account);
    expect(provider.activeId).toBe(ada);
    expect(() => provider.get(grace)).toThrow(/no account/);
    const last = provider.get(ada);
    last.signOut('the provider refused the refresh token');
    provider.remove(last);
    expect(provider.activeId).toBeNull();
    // The card still says why the last one was signed out.
    expect(provider.next.state).toMatchObject({
      phase: 'signedOut',
      reason: 'the provider refused the refresh token',
    });
  });

  it(`holds at most ${MAX_ACCOUNTS_PER_PROVIDER} identities, with a clear error; one already there may sign in again`, () => {
    const provider = new ProviderAccounts(runtime, host);
    groups.push(provider);
    for (let i = 0; i < MAX_ACCOUNTS_PER_PROVIDER; i++) signIn(provider, `user${i}`);
    expect(() => signIn(provider, 'one-too-many')).toThrow(
      `Corp already has ${MAX_ACCOUNTS_PER_PROVIDER} accounts signed in, the most it can hold. Sign out of one to add another.`,
    );
    expect(() => signIn(provider, 'user3', 'again')).not.toThrow();
    expect(provider.list()).toHaveLength(MAX_ACCOUNTS_PER_PROVIDER);
  });
});
