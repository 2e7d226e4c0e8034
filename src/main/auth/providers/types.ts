import type * as client from 'openid-client';
import type { UserProfile } from '../../../shared/auth-types.ts';
import type { ProviderSettings } from '../config/load.ts';
import type { FlowOptions } from './flow-options.ts';

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

/** What differs between provider types. Everything else (PKCE, state, loopback, refresh) is shared. */
export interface ProviderRuntime {
  settings: ProviderSettings;
  /** The entry's sign-in options with their defaults (redirect, timeout, what to fetch, revocation). */
  flow: FlowOptions;
  /** What identifies this provider's tokens (see flow-options.ts): a remembered session is only restored to the same. */
  binding: string;
  /** OpenID Connect (nonce, ID token) or plain OAuth 2.0. */
  oidc: boolean;
  configuration(): Promise<client.Configuration>;
  scopes(request: ScopeRequest): Promise<string[]>;
  authorizationParams(): Record<string, string>;
  /** null when the provider has no way to tell who the user is (a custom OAuth 2.0 server without userEndpoint). */
  fetchUser(tokens: TokenSet): Promise<UserProfile | null>;
  fetchGroups(tokens: TokenSet): Promise<string[]>;
  supportsDevice(): Promise<boolean>;
  supportsRevocation(): Promise<boolean>;
  /** Origins the authenticated-request helper may send this provider's token to. */
  apiOrigins(): Promise<string[]>;
  /** A request the UI offers to show the authenticated-request helper at work. */
  exampleRequest(): Promise<{ label: string; url: string } | null>;
}

/** What a provider type itself supplies; createRuntime adds the resolved flow options and the binding. */
export type TypeRuntime = Omit<ProviderRuntime, 'flow' | 'binding'>;
