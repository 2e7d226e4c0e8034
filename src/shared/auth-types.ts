/** Sign-in types shared by host and renderer. No token ever appears in these. */

export interface UserProfile {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  login?: string | undefined;
  avatarUrl?: string | undefined;
}

export interface SignInError {
  error: string;
  errorDescription: string;
}

export type AuthState =
  | { status: 'signedOut'; lastError?: SignInError | undefined; reason?: string | undefined }
  | {
      status: 'pending';
      mode: 'browser';
      authorizationUrl: string;
      startedAt: number;
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
      user: UserProfile | null;
      groups: string[] | null;
      tokenType: string;
      scopes: string[];
      /** Epoch ms, or null when the provider gave no lifetime. */
      expiresAt: number | null;
      /** A short hash of the access token: shows that it changed, reveals nothing. */
      fingerprint: string;
      hasRefreshToken: boolean;
      /** Set while the last refresh failed for a reason that keeps the session (offline, 5xx). */
      refreshProblem?: string | undefined;
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
  state: AuthState;
}

export interface ConfigProblemInfo {
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
