/** What the UI and API see of a provider: its identity, what it offers, and its state. */
import type { AuthState, ProviderInfo } from '../../shared/auth-types.ts';
import type { ProviderSlot } from './provider-slot.ts';
import type { TokenSession } from './token-session.ts';

export function sessionState(p: ProviderSlot, session: TokenSession): AuthState {
  const email = session.user?.emailUnavailable;
  return {
    ...session.state(),
    remembered: p.remember && !p.rememberProblem,
    rememberProblem: p.rememberProblem,
    restored: p.restored,
    ...(p.revalidateProblem ? { revalidateProblem: p.revalidateProblem } : {}),
    ...(p.groupsUnavailable || email
      ? {
          unavailable: {
            ...(p.groupsUnavailable ? { groups: p.groupsUnavailable } : {}),
            ...(email ? { email } : {}),
          },
        }
      : {}),
  };
}

export function providerInfo(
  p: ProviderSlot,
  deviceFlow: boolean,
  exampleRequest: { label: string; url: string } | null,
): ProviderInfo {
  const { settings } = p.runtime;
  return {
    id: settings.id,
    name: settings.name,
    type: settings.type,
    isDemo: settings.type === 'demo',
    deviceFlow,
    exampleRequest,
    state: p.session ? sessionState(p, p.session) : p.state,
  };
}
