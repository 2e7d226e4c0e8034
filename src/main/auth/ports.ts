/** What the sign-in service needs from its host, and the options a sign-in takes. */
import type { Events } from '../../shared/contract.ts';
import type { Logger } from '../../shared/logger.ts';

export interface SignInOptions {
  fetchUser?: boolean | undefined;
  fetchGroups?: boolean | undefined;
  scopes?: string[] | undefined;
  /** Keep the sign-in in the vault for the next launch (default true). */
  rememberMe?: boolean | undefined;
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
