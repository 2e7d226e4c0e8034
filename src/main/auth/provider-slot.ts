/** The sign-in service's record of one configured provider, and what the flows may ask of the service. */
import type { AuthState, SignInError } from '../../shared/auth-types.ts';
import type { Events } from '../../shared/contract.ts';
import type { Attempt } from './attempt.ts';
import type { ProviderRuntime, TokenSet } from './providers/types.ts';
import type { PageTemplates } from './result-pages.ts';
import type { TokenSession } from './token-session.ts';

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
  log: Pick<Console, 'warn' | 'error'>;
}

export interface ProviderSlot {
  runtime: ProviderRuntime;
  state: AuthState;
  /** The sign-in in flight, if any: the only thing allowed to move `state` while it lives. */
  attempt: Attempt | null;
  session: TokenSession | null;
  remember: boolean;
  rememberProblem?: string | undefined;
  restored: boolean;
  /** Set when a remembered sign-in could not be checked with the provider (said once, plainly). */
  revalidateProblem?: string | undefined;
  /** Why the groups could not be read at sign-in, when the provider refused them. */
  groupsUnavailable?: string | undefined;
  fetchUser: boolean;
  fetchGroups: boolean;
}

/** What the browser and device flows need from the service. */
export interface FlowHost {
  ports: AuthPorts;
  pages: PageTemplates;
  scopes(p: ProviderSlot, options: SignInOptions): Promise<string[]>;
  /** Shows the attempt as pending (only while it is the provider's live attempt). */
  pending(p: ProviderSlot, attempt: Attempt, state: Extract<AuthState, { status: 'pending' }>): void;
  /** Turns tokens into a signed-in session, unless the attempt was cancelled meanwhile. */
  establish(p: ProviderSlot, attempt: Attempt, tokens: TokenSet, options: SignInOptions): Promise<void>;
  /** Reports a failed attempt (only while it is the provider's live attempt). */
  failed(p: ProviderSlot, attempt: Attempt, error: SignInError): void;
}
