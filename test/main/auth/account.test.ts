/** The account state machine: who may move it, what each move leaves, and that each change is said once. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Account,
  type AccountHost,
  type Establish,
  type PendingView,
} from '../../../src/main/auth/account.ts';
import type { ProviderRuntime } from '../../../src/main/auth/providers/types.ts';

const runtime = {
  settings: { id: 'corp', name: 'Corp' },
  configuration: () => Promise.reject(new Error('no network in this test')),
} as unknown as ProviderRuntime;

const accounts: Account[] = [];
function account() {
  const host = {
    now: () => 1_000_000,
    log: { warn: vi.fn(), error: vi.fn() },
    changed: vi.fn(),
    failed: vi.fn(),
    persist: vi.fn(async () => {}),
    invalidated: vi.fn(),
  } satisfies AccountHost;
  const a = new Account(runtime, host);
  accounts.push(a);
  return { a, host };
}
afterEach(() => {
  for (const a of accounts.splice(0)) a.close();
});

const pendingView: PendingView = {
  status: 'pending',
  mode: 'browser',
  authorizationUrl: 'https://idp.example.test/authorize',
  startedAt: 1_000_000,
  expiresAt: 1_300_000,
};

const establish = (accessToken = 'at'): Establish => ({
  accountId: 'acct_ada',
  tokens: { accessToken, tokenType: 'Bearer', issuedAt: 1_000_000, scopes: ['openid'] },
  user: { id: 'ada', name: 'Ada' },
  groups: null,
  signedInAt: 1_000_000,
  origin: 'signIn',
  fetchUser: true,
  fetchGroups: false,
  remember: true,
});

describe('account state machine', () => {
  it('goes signed out → pending → signed in, saying each change once', () => {
    const { a, host } = account();
    const before = a.state;
    const attempt = a.begin('a test');
    expect(a.state).toBe(before);
    a.pending(attempt, pendingView);
    expect(a.state).toMatchObject({ phase: 'pending', view: pendingView });
    expect(host.changed).toHaveBeenCalledTimes(1);
    const session = a.signIn(attempt, establish());
    expect(a.state).toMatchObject({ phase: 'signedIn', origin: 'signIn', remember: true });
    expect(a.session).toBe(session);
    expect(host.changed).toHaveBeenCalledTimes(2);
    // States are values: the old ones are left as they were, and none can be written.
    expect(before).toEqual({ phase: 'signedOut' });
    expect(Object.isFrozen(a.state)).toBe(true);
  });

  it('lets nothing a replaced attempt started change the state', () => {
    const { a, host } = account();
    const old = a.begin('a test');
    const current = a.begin('a newer test');
    expect(old.live).toBe(false);
    a.pending(old, pendingView);
    a.fail(old, { error: 'access_denied', errorDescription: 'no' });
    expect(() => a.signIn(old, establish())).toThrow(expect.objectContaining({ code: 'cancelled' }));
    expect(a.state).toEqual({ phase: 'signedOut' });
    expect(host.changed).not.toHaveBeenCalled();
    expect(host.failed).not.toHaveBeenCalled();
    a.signIn(current, establish());
    expect(a.state.phase).toBe('signedIn');
  });

  it('fails the live attempt with its error, once', () => {
    const { a, host } = account();
    const attempt = a.begin('a test');
    a.pending(attempt, pendingView);
    const error = { error: 'access_denied', errorDescription: 'refused at the provider' };
    a.fail(attempt, error);
    a.fail(attempt, error);
    expect(a.state).toEqual({ phase: 'signedOut', lastError: error });
    expect(host.failed).toHaveBeenCalledTimes(1);
  });

  it('keeps a signed-in session when a new attempt is pending, fails or is cancelled', () => {
    const { a, host } = account();
    const session = a.signIn(a.begin('a test'), establish());
    const failing = a.begin('a second sign-in');
    a.pending(failing, pendingView);
    expect(a.state.phase).toBe('signedIn');
    a.fail(failing, { error: 'access_denied', errorDescription: 'no' });
    expect(a.session).toBe(session);
    expect(host.failed).toHaveBeenCalledTimes(1);
    a.begin('a third sign-in');
    expect(a.cancel()).toBe(true);
    expect(a.session).toBe(session);
    expect(a.cancel()).toBe(false);
  });

  it('cancels a pending sign-in with a neutral note and ends its attempt', () => {
    const { a } = account();
    const attempt = a.begin('a test');
    const released = vi.fn();
    attempt.own(released);
    a.pending(attempt, pendingView);
    expect(a.cancel()).toBe(true);
    expect(released).toHaveBeenCalledTimes(1);
    expect(a.state).toEqual({ phase: 'signedOut', reason: 'Sign-in cancelled', cancelled: true });
  });

  it('restores only into a signed-out account with nothing in flight', () => {
    const { a } = account();
    a.begin('a test');
    expect(() => a.signIn(null, { ...establish(), origin: 'restored' })).toThrow(
      expect.objectContaining({ code: 'cancelled' }),
    );
    a.signOut();
    a.signIn(null, { ...establish(), origin: 'restored' });
    expect(a.state).toMatchObject({ phase: 'signedIn', origin: 'restored' });
  });

  it('signs out: ends the attempt and the session, and hands the ended session back', () => {
    const { a } = account();
    const session = a.signIn(a.begin('a test'), establish());
    const pending = a.begin('another');
    expect(a.signOut('bye')).toBe(session);
    expect(pending.live).toBe(false);
    expect(a.state).toEqual({ phase: 'signedOut', reason: 'bye' });
    expect(a.session).toBeNull();
    expect(a.signOut()).toBeNull();
  });

  it('notes what the signed-in state says only for its own session, and only when it changes', () => {
    const { a, host } = account();
    const first = a.signIn(a.begin('a test'), establish('at-1'));
    a.note(first, { rememberProblem: 'no keychain' });
    expect(a.state).toMatchObject({ rememberProblem: 'no keychain' });
    const calls = host.changed.mock.calls.length;
    a.note(first, { rememberProblem: 'no keychain' });
    expect(host.changed).toHaveBeenCalledTimes(calls);
    a.signIn(a.begin('again'), establish('at-2'));
    a.note(first, { revalidateProblem: 'stale' });
    expect(a.state).not.toHaveProperty('revalidateProblem', 'stale');
  });
});
