/**
 * What the sign-in flows need from a provider entry, resolved once with its defaults. The config schema
 * gives each type its own fields (the demo has none of these); this is the one place that reads them, so
 * the flows never ask `'field' in settings`.
 */
import type { ProviderSettings } from '../config/load.ts';

export interface FlowOptions {
  /** Read the user after sign-in (default true). */
  fetchUser: boolean;
  /** Read groups/teams after sign-in (default false; the demo shows them). */
  fetchGroups: boolean;
  extraScopes: string[];
  /** A registered fixed loopback redirect, or null for a free port on 127.0.0.1. */
  redirectUri: URL | null;
  timeoutMs: number;
  revokeOnSignOut: boolean;
  endSessionOnSignOut: boolean;
}

export function resolveFlowOptions(settings: ProviderSettings): FlowOptions {
  if (settings.type === 'demo') {
    return {
      fetchUser: true,
      fetchGroups: true,
      extraScopes: [],
      redirectUri: null,
      timeoutMs: 300_000,
      revokeOnSignOut: true,
      endSessionOnSignOut: false,
    };
  }
  return {
    fetchUser: settings.fetchUser ?? true,
    fetchGroups: settings.fetchGroups ?? false,
    extraScopes: settings.scopes ?? [],
    redirectUri: settings.redirectUri ? new URL(settings.redirectUri) : null,
    timeoutMs: (settings.timeoutSeconds ?? 300) * 1000,
    revokeOnSignOut: settings.revokeOnSignOut ?? true,
    endSessionOnSignOut: settings.endSessionOnSignOut ?? false,
  };
}

/**
 * What a remembered session belongs to: the fields that identify this provider's tokens, per type (no
 * secrets). A reconfigured provider (another client id, issuer, host, tenant or endpoint) gets a different
 * binding, so it never receives the old tokens. The shape is the one Latchkey 0.1 stored, so remembered
 * sign-ins survive the upgrade.
 */
export function bindingOf(settings: ProviderSettings): string {
  const id = (where: string | null, authorization: string | null = null, token: string | null = null) =>
    JSON.stringify([
      settings.type,
      settings.type === 'demo' ? null : settings.clientId,
      where,
      authorization,
      token,
    ]);
  switch (settings.type) {
    case 'github':
      return id(settings.host ?? null);
    case 'azure':
      return id(settings.tenant ?? null);
    case 'auth0':
      return id(settings.domain);
    case 'oidc':
      return id(settings.issuer);
    case 'oauth2':
      return id(null, settings.authorizationEndpoint, settings.tokenEndpoint);
    case 'google':
    case 'demo':
      return id(null);
  }
}
