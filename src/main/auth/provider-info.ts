/** What the UI and API see of a provider: its identity, what it offers, and its account's state. Pure. */
import type { AuthState, ProviderInfo } from '../../shared/auth-types.ts';
import type { AccountState } from './account.ts';
import type { ProviderRuntime } from './providers/types.ts';

export function authState(state: AccountState): AuthState {
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

export function providerInfo(
  runtime: ProviderRuntime,
  state: AccountState,
  deviceFlow: boolean,
  exampleRequest: { label: string; url: string } | null,
): ProviderInfo {
  const { settings } = runtime;
  return {
    id: settings.id,
    name: settings.name,
    type: settings.type,
    isDemo: settings.type === 'demo',
    deviceFlow,
    exampleRequest,
    state: authState(state),
  };
}
