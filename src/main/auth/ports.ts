/** What the sign-in service needs from its host, and the options a sign-in takes. */
import type { Events } from '../../shared/contract.ts';
import type { Logger } from '../../shared/logger.ts';

/** Which account a call is about; absent: the provider's active account. */
export interface AccountOptions {
  accountId?: string | undefined;
}

export interface TokenOptions extends AccountOptions {
  /** Scopes the token must have; one it lacks answers `consent_required` instead of a token. */
  scopes?: string[] | undefined;
}

export interface SignInOptions extends AccountOptions {
  fetchUser?: boolean | undefined;
  fetchGroups?: boolean | undefined;
  /** Scopes on top of the entry's; with `accountId`, on top of what that account has (more scopes later). */
  scopes?: string[] | undefined;
  /** Keep the sign-in in the vault for the next launch (default true). */
  rememberMe?: boolean | undefined;
  /** "Add another account": the provider is asked to let the user pick or enter another account. */
  addAccount?: boolean | undefined;
  /** false: the host does not open the browser; the app opens (or shows) `authorizationUrl` itself. */
  openBrowser?: boolean | undefined;
  /** This sign-in's result pages, instead of the providers file's (same `{{provider}}`/`{{error}}` placeholders). */
  completePageHtml?: string | undefined;
  errorPageHtml?: string | undefined;
  /** Extra authorization request parameters (login_hint, prompt, …); never the flow's own (see authorization-params.ts). */
  authorizationParams?: Record<string, string> | undefined;
}

export interface AuthPorts {
  /** Opens a URL in the system browser; false when this host cannot (web mode: the page opens it). */
  openExternal(url: string): Promise<boolean>;
  bringToFront(): void;
  emit<E extends keyof Events>(name: E, payload: Events[E]): void;
  /** The clock (epoch ms). Injected, so tests move time instead of poking at tokens. */
  now(): number;
  log: Logger;
  /**
   * The desktop app's private-use redirect scheme (its reverse-DNS app id), for providers set to
   * `"redirect": "scheme"`; absent where nothing can deliver such redirects (web mode).
   */
  redirectScheme?: string | undefined;
  /** A deep link that brings the app forward, offered on the browser's result page (desktop only). */
  returnToApp?: string | undefined;
}
