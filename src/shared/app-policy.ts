/**
 * What the app lets its pages do, declared once (README "App policy"). An app built on Latchkey edits this
 * file; the host and the renderer read it. Runtime-free plain data and pure functions: preload, renderer and
 * main can import it.
 *
 * A script injected into the renderer has the same calls as the app's own code, so whatever it must not
 * reach stays off unless the app turns it on here.
 */

export interface AuthPolicy {
  /** `auth.getAccessToken` hands the page a fresh access token (Flet's `page.auth.token`). Default on. */
  readonly getAccessToken: boolean;
  /**
   * `auth.exportToken` hands the page the whole token in Flet's shape, refresh token included: the one way a
   * refresh token ever leaves the host. Default off.
   */
  readonly exportToken: boolean;
  /**
   * `auth.importToken` signs in from a token the page hands in. Even when on, the provider must confirm the
   * token first and its refresh token is never redeemed (src/main/auth/import-policy.ts). Default off.
   */
  readonly importToken: boolean;
}

export interface AppPolicy {
  /**
   * URL schemes `link.open` may hand to the operating system besides the built-in `http`, `https`, `mailto`,
   * `tel` and `sms` (README "Links"): lower-case scheme names without the colon, e.g. `'zoommtg'` or
   * `'slack'`. Schemes that reach files, scripts or the app itself (`file`, `javascript`, `data`, `app`, the
   * app's own deep-link scheme, …) are refused whatever this lists (`appLinkSchemeProblem`, url-safety.ts).
   */
  readonly linkSchemes: readonly string[];
  /** What the page may have of sign-in tokens. */
  readonly auth: AuthPolicy;
}

/** Defaults that fit a production app: access tokens on (as Flet), token export and import off. */
export const DEFAULT_APP_POLICY: AppPolicy = Object.freeze({
  linkSchemes: Object.freeze([]) as readonly string[],
  auth: Object.freeze({ getAccessToken: true, exportToken: false, importToken: false }),
});

export interface PolicyChoices {
  linkSchemes?: readonly string[];
  auth?: Partial<AuthPolicy>;
}

/** The defaults with an app's choices on top; what is not named keeps its default. */
export function definePolicy(choices: PolicyChoices = {}): AppPolicy {
  return Object.freeze({
    linkSchemes: Object.freeze([...(choices.linkSchemes ?? DEFAULT_APP_POLICY.linkSchemes)]),
    auth: Object.freeze({ ...DEFAULT_APP_POLICY.auth, ...choices.auth }),
  });
}

/**
 * Latchkey's own choices as the showcase app. It demonstrates Flet's token export and import, so it turns
 * both on (and its Sign-in area says so); an app built on Latchkey leaves them off unless it needs them.
 */
export const APP_POLICY: AppPolicy = definePolicy({
  auth: { exportToken: true, importToken: true },
});

/** A setting the policy can refuse a call for, named as the README names it. */
export type PolicySetting = `auth.${keyof AuthPolicy}`;

/** The host methods the auth policy governs: each needs the setting of the same name. */
const GOVERNED = ['auth.getAccessToken', 'auth.exportToken', 'auth.importToken'] as const;

/** The setting that keeps `method` from the page under `policy`, or null when the call is allowed. */
export function policyRefusal(policy: AppPolicy, method: string): PolicySetting | null {
  const setting = GOVERNED.find((m) => m === method);
  if (!setting) return null;
  const key = setting.slice('auth.'.length) as keyof AuthPolicy;
  return policy.auth[key] ? null : setting;
}

/** Auth settings the app has turned on beyond the defaults, for the UI to say so. */
export function enabledBeyondDefaults(policy: AppPolicy): PolicySetting[] {
  return (Object.keys(policy.auth) as Array<keyof AuthPolicy>)
    .filter((key) => policy.auth[key] && !DEFAULT_APP_POLICY.auth[key])
    .map((key) => `auth.${key}` as const);
}
