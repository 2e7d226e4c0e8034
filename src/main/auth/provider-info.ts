/** What the UI and API see of a provider: its identity, what it offers, its accounts and their state. Pure. */
import type { AccountInfo, AuthState, ProviderInfo } from '../../shared/auth-types.ts';
import type { AccountState } from './account.ts';
import type { ProviderAccounts } from './provider-accounts.ts';

export function authState(state: AccountState, accountId: string | null = null): AuthState {
  switch (state.phase) {
    case 'signedOut': {
      const { phase: _phase, ...rest } = state;
      return { status: 'signedOut', ...rest };
    }
    case 'pending':
      return state.view;
    case 'signedIn':
    case 'refreshing': {
      const email = state.session.user?.emailUnavailable;
      return {
        ...state.session.state(),
        accountId: accountId ?? '',
        remembered: state.remember && !state.rememberProblem,
        rememberProblem: state.rememberProblem,
        restored: state.origin === 'restored',
        ...(state.origin === 'imported' ? { imported: true } : {}),
        ...(state.revalidateProblem ? { revalidateProblem: state.revalidateProblem } : {}),
        ...(state.groupsUnavailable || email
          ? {
              unavailable: {
                ...(state.groupsUnavailable ? { groups: state.groupsUnavailable } : {}),
                ...(email ? { email } : {}),
              },
            }
          : {}),
      };
    }
  }
}

const signedIn = (state: AuthState) =>
  state.status === 'signedIn' ? (state as Extract<AuthState, { status: 'signedIn' }>) : null;

/**
 * The card's `state`: the active account's; with none, the sign-in in flight or how the last attempt ended.
 * While accounts stay signed in, an attempt in flight (adding one, more scopes) is `pending` and a failed one
 * `lastError`, beside them: an app that checks `state.status` sees the user signed in throughout.
 */
export function providerInfo(
  provider: ProviderAccounts,
  deviceFlow: boolean,
  exampleRequest: { label: string; url: string } | null,
): ProviderInfo {
  const { settings } = provider.runtime;
  const attempt = provider.next.state;
  const accounts: AccountInfo[] = [];
  for (const account of provider.list()) {
    const state = signedIn(authState(account.state, account.accountId));
    if (state) accounts.push({ ...state, active: account.accountId === provider.activeId });
  }
  const active = provider.active;
  const state = active ? authState(active.state, active.accountId) : authState(attempt);
  const lastError = active && attempt.phase === 'signedOut' ? attempt.lastError : undefined;
  const pending = active && attempt.phase === 'pending' ? attempt.view : undefined;
  return {
    id: settings.id,
    name: settings.name,
    type: settings.type,
    isDemo: settings.type === 'demo',
    deviceFlow,
    exampleRequest,
    state,
    accounts,
    activeAccountId: provider.activeId,
    ...(lastError ? { lastError } : {}),
    ...(pending ? { pending } : {}),
  };
}
