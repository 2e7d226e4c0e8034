/**
 * What a provider runtime is, for the settings of any one type. Provider type modules build these; types.ts
 * names the one over every configured type (`ProviderRuntime`), which the sign-in code uses.
 */
import type * as client from 'openid-client';
import type { UserGroup, UserProfile } from '../../../shared/auth-types.ts';
import type { FetchImpl } from './http.ts';

/** A token set as the host keeps it. It never leaves the main process unless an API explicitly hands it out. */
export interface TokenSet {
  accessToken: string;
  tokenType: string;
  refreshToken?: string | undefined;
  idToken?: string | undefined;
  /** Epoch milliseconds; undefined when the provider gave no lifetime. */
  expiresAt?: number | undefined;
  /** Epoch milliseconds when the token was issued to us, for scaling the refresh margin. */
  issuedAt: number;
  scopes: string[];
  idTokenClaims?: Record<string, unknown> | undefined;
}

export interface ScopeRequest {
  fetchUser: boolean;
  fetchGroups: boolean;
  extra: string[];
}

/** What the sign-in flows need from a provider entry, resolved once with its defaults (flow-options.ts). */
export interface FlowOptions {
  /** Read the user after sign-in (default true). */
  fetchUser: boolean;
  /** Read groups/teams after sign-in (default false; the demo shows them). */
  fetchGroups: boolean;
  extraScopes: string[];
  /** Scopes a call may add on top (the entry's `allowedExtraScopes`; default none): scope-policy.ts. */
  allowedExtraScopes: string[];
  /** The entry's `authorizationParams` (authorization-params.ts checks them at each sign-in). */
  authorizationParams?: Record<string, string> | undefined;
  /** A registered fixed loopback redirect, or null for a free port on 127.0.0.1. */
  redirectUri: URL | null;
  /** `scheme`: the desktop app's private-use scheme redirect, where the host has one (else the loopback). */
  redirect: 'loopback' | 'scheme';
  timeoutMs: number;
  revokeOnSignOut: boolean;
  endSessionOnSignOut: boolean;
}

/** What differs between provider types. Everything else (PKCE, state, loopback, refresh) is shared. */
export interface RuntimeOf<S> {
  settings: S;
  /** The entry's sign-in options with their defaults (redirect, timeout, what to fetch, revocation). */
  flow: FlowOptions;
  /** What identifies this provider's tokens (see flow-options.ts): a remembered session is only restored to the same. */
  binding: string;
  /** How this host reaches the provider and its API (Electron's net.fetch, or fetch with the proxy set). */
  fetch: FetchImpl;
  /** OpenID Connect (nonce, ID token) or plain OAuth 2.0. */
  oidc: boolean;
  configuration(): Promise<client.Configuration>;
  scopes(request: ScopeRequest): Promise<string[]>;
  authorizationParams(): Record<string, string>;
  /**
   * The `prompt` for this sign-in, as the provider type takes it: e.g. `select_account` for "Add another
   * account", and Google's `consent` only while the account has no refresh token.
   */
  prompt(request: { addAccount: boolean; hasRefreshToken: boolean }): string | undefined;
  /** null when the provider has no way to tell who the user is (a custom OAuth 2.0 server without userEndpoint). */
  fetchUser(tokens: TokenSet): Promise<UserProfile | null>;
  fetchGroups(tokens: TokenSet): Promise<UserGroup[]>;
  supportsDevice(): Promise<boolean>;
  supportsRevocation(): Promise<boolean>;
  /** Origins the authenticated-request helper may send this provider's token to. */
  apiOrigins(): Promise<string[]>;
  /** A request the UI offers to show the authenticated-request helper at work. */
  exampleRequest(): Promise<{ label: string; url: string } | null>;
}

/** What a provider type itself supplies; createRuntime adds the resolved flow options and the binding. */
export type TypeRuntime<S> = Omit<RuntimeOf<S>, 'flow' | 'binding' | 'fetch'>;

/**
 * OpenID Connect's `prompt=login` for "Add another account" (every OpenID provider knows it; `select_account`
 * is optional in the spec, so only the types known to take it ask for it).
 */
export const defaultPrompt: RuntimeOf<unknown>['prompt'] = ({ addAccount }) =>
  addAccount ? 'login' : undefined;
