/** Sign-in types shared by host and renderer. No token ever appears in these. */

export interface UserProfile {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  login?: string | undefined;
  avatarUrl?: string | undefined;
  /** Why the e-mail could not be read, when the provider refused (a GitHub App without e-mail access, say). */
  emailUnavailable?: string | undefined;
  /**
   * The provider's profile as received (Flet's `User` is this dict): the ID-token and userinfo claims for
   * OpenID providers, the user JSON for GitHub (`/user`), Microsoft (Graph `/me`) and `oauth2`. At most
   * 64 KiB of JSON text; `claimsCut` says what was left out when it was more.
   */
  claims?: Record<string, unknown> | undefined;
  claimsCut?: ClaimsCut | undefined;
}

/** What was left out of `claims` to keep it within its limit: whole top-level fields, in the order received. */
export interface ClaimsCut {
  /** The limit, in bytes of JSON text (65536). */
  limit: number;
  /** The size of the whole profile as received, in bytes of JSON text. */
  size: number;
  /** The top-level fields left out. */
  omitted: string[];
}

/**
 * A group, team or role, with the provider's own fields beside `id` and `name` (Flet's `Group`): GitHub
 * teams carry `slug`, `org` and `path` ("org/slug") and the rest of the team JSON; Microsoft Graph groups
 * their directory object fields; a claim's plain strings are both `id` and `name`.
 */
export interface UserGroup {
  id: string;
  /** What Flet's `Group.name` is: GitHub's team name ("Core"), Graph's displayName, the claim's value. */
  name: string;
  [field: string]: unknown;
}

export interface SignInError {
  error: string;
  /** What happened and what to do, in plain words (the card's first line). */
  errorDescription: string;
  /** The raw error text behind it, for "Technical detail" (never a token or secret). */
  detail?: string | undefined;
}

export type AuthState =
  | {
      status: 'signedOut';
      lastError?: SignInError | undefined;
      reason?: string | undefined;
      /** The user cancelled the last attempt (`reason` is then "Sign-in cancelled"): a note, not a failure. */
      cancelled?: boolean | undefined;
    }
  | {
      status: 'pending';
      mode: 'browser';
      authorizationUrl: string;
      startedAt: number;
      /** When the wait for the browser times out (epoch ms): the card counts down to it. */
      expiresAt: number;
    }
  | {
      status: 'pending';
      mode: 'device';
      userCode: string;
      verificationUri: string;
      verificationUriComplete?: string | undefined;
      expiresAt: number;
      startedAt: number;
    }
  | {
      status: 'signedIn';
      /** This identity's id at this provider (stable; derived from the provider id and the user's subject). */
      accountId: string;
      user: UserProfile | null;
      /** null when groups were not asked for (or not available: see `unavailable.groups`). */
      groups: UserGroup[] | null;
      /** The groups' names, for quick checks (`groupNames.includes("Admins")`); null with `groups`. */
      groupNames: string[] | null;
      tokenType: string;
      scopes: string[];
      /** Epoch ms, or null when the provider gave no lifetime. */
      expiresAt: number | null;
      /** A short hash of the access token: shows that it changed, reveals nothing. */
      fingerprint: string;
      hasRefreshToken: boolean;
      /** Kept in the vault for the next launch ("Remember me"). */
      remembered: boolean;
      /** Why "Remember me" could not be honoured, when it could not. */
      rememberProblem?: string | undefined;
      /** Restored from the vault at launch rather than signed in during this run. */
      restored: boolean;
      /** Signed in from a token the page handed in (auth.importToken), confirmed by the provider. */
      imported?: boolean | undefined;
      /** A restored sign-in the provider could not confirm (its grant is gone): said once, plainly. */
      revalidateProblem?: string | undefined;
      /** Set while the last refresh failed for a reason that keeps the session (offline, 5xx). */
      refreshProblem?: string | undefined;
      /** The reason a groups/teams or e-mail lookup was not possible (a 403 from the provider, say). */
      unavailable?: { groups?: string | undefined; email?: string | undefined } | undefined;
      signedInAt: number;
    };

export interface ProviderInfo {
  id: string;
  name: string;
  type: string;
  isDemo: boolean;
  deviceFlow: boolean;
  /** A request the UI can make with auth.request to show the token at work (e.g. userinfo). */
  exampleRequest: { label: string; url: string } | null;
  /** The active account's state; with no account, the sign-in in flight or how the last attempt ended. */
  state: AuthState;
  /** Every account signed in with this provider, in the order added (at most 10). */
  accounts: AccountInfo[];
  /** The account calls without an `accountId` use; null when none is signed in. */
  activeAccountId: string | null;
  /** The last sign-in attempt failed while accounts stay signed in (adding one, say). */
  lastError?: SignInError | undefined;
  /** A sign-in in flight while accounts stay signed in (adding one, more scopes for one). */
  pending?: Extract<AuthState, { status: 'pending' }> | undefined;
}

/** One signed-in account: its state, and whether it is the provider's active one. */
export type AccountInfo = Extract<AuthState, { status: 'signedIn' }> & { active: boolean };

/**
 * A bad entry in the providers configuration, as loaded and as shown. One shape for the loader and the
 * renderer: src/main/auth/config/types.ts can take this type instead of writing its own ConfigProblem.
 */
export interface ConfigProblemInfo {
  /** e.g. `providers[2] (id "corp")` or `GITHUB_CLIENT_ID`. */
  entry: string;
  field: string;
  message: string;
}

export interface ProvidersOverview {
  providers: ProviderInfo[];
  problems: ConfigProblemInfo[];
  source: string | null;
}

export interface DeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string | undefined;
  expiresIn: number;
  interval: number;
}

export interface AuthenticatedResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export interface VaultNoteInfo {
  reason: string;
  movedTo?: string | undefined;
  at: string;
}

export interface VaultInfo {
  /** Where remembered sign-ins are kept. */
  file: string;
  /** The key store: keychain (macOS), dpapi (Windows), gnome_libsecret / kwallet* / basic_text (Linux), key-file (web mode). */
  backend: string;
  level: 'os-keychain' | 'key-file' | 'weak';
  allowWeakProtection: boolean;
  canRemember: boolean;
  whyNot: string | null;
  /** The providers with remembered sign-ins, once each. */
  remembered: string[];
  /** How many sign-ins are remembered (a provider may have several accounts). */
  rememberedSessions: number;
  /** At most 20 (the first ones); the rest are counted in `notesOmitted`. */
  notes: VaultNoteInfo[];
  notesOmitted?: number;
}

/**
 * A token in Flet's JSON shape (`OAuthToken.to_json()`), for apps moving from Flet's saved_token: fields in
 * Flet's order, absent ones left out, `scope` a list. Import also takes `scope` as a space-separated string.
 */
export interface FletToken {
  access_token: string;
  scope: string[];
  token_type: string;
  expires_in?: number | undefined;
  expires_at?: number | undefined;
  refresh_token?: string | undefined;
}
