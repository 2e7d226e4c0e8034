/**
 * What every provider entry resolves to, whatever its type: its sign-in options with their defaults, and
 * the binding that says which remembered sessions belong to it. The type supplies only what differs.
 */
import type { CommonSettings } from '../config/fields.ts';
import type { ProviderSettings } from '../config/types.ts';
import { providerTypeOf } from './registry.ts';
import type { FlowOptions } from './runtime.ts';

export function resolveFlowOptions(settings: ProviderSettings): FlowOptions {
  // The fields every entry may have (the demo has none of them): read here once, so the flows never ask
  // `'field' in settings`.
  const s: CommonSettings = settings;
  return {
    fetchUser: s.fetchUser ?? true,
    fetchGroups: s.fetchGroups ?? providerTypeOf(settings).flowDefaults?.fetchGroups ?? false,
    extraScopes: s.scopes ?? [],
    allowedExtraScopes: s.allowedExtraScopes ?? [],
    authorizationParams: s.authorizationParams,
    redirectUri: s.redirectUri ? new URL(s.redirectUri) : null,
    redirect: s.redirect ?? 'loopback',
    timeoutMs: (s.timeoutSeconds ?? 300) * 1000,
    revokeOnSignOut: s.revokeOnSignOut ?? true,
    endSessionOnSignOut: s.endSessionOnSignOut ?? false,
  };
}

/**
 * What a remembered session belongs to: the fields that identify this provider's tokens, per type (no
 * secrets). A reconfigured provider (another client id, issuer, host, tenant or endpoint) gets a different
 * binding, so it never receives the old tokens. Users' vaults hold these strings, so their shape never
 * changes (test/main/auth/providers/binding.test.ts pins it): a new shape would sign everyone out.
 */
export function bindingOf(settings: ProviderSettings): string {
  const s: CommonSettings = settings;
  const { where = null, authorization = null, token = null } = providerTypeOf(settings).binding(settings);
  return JSON.stringify([settings.type, s.clientId ?? null, where, authorization, token]);
}
