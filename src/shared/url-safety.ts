/**
 * Which URLs may leave the app (system browser, popups, the OS's handler for a scheme). Shared so the
 * renderer's web-mode fallbacks apply the same rule as the host: web links, e-mail, phone and text-message
 * links, and the schemes the app lists in its policy; never file:, javascript:, the app's own schemes or URLs
 * with credentials in them.
 */
import { APP_IDENTITY } from './app-identity.ts';
import { APP_POLICY } from './app-policy.ts';

/** What `link.open` takes without the app listing anything (README "Links"). */
export const BUILT_IN_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel', 'sms'] as const;

/** The only fields a `mailto:` link may carry: `attach=` and the like would hand files to the mail program. */
export const MAILTO_FIELDS = ['subject', 'body', 'cc', 'bcc'] as const;
/** The only field an `sms:` link may carry. */
export const SMS_FIELDS = ['body'] as const;

/**
 * Schemes no policy can allow: they reach local files, run script, show browser internals, or talk to the
 * app itself (its page origin and its deep-link scheme), which a page must not be able to drive.
 */
const NEVER_SCHEMES = new Set([
  'javascript',
  'vbscript',
  'file',
  'data',
  'blob',
  'about',
  'filesystem',
  'view-source',
  'chrome',
  'chrome-extension',
  'devtools',
  'app',
  'ws',
  'wss',
  APP_IDENTITY.scheme,
]);

const MAX_URL = 8192;
const SCHEME = /^[a-z][a-z0-9+.-]{0,31}$/;

/** Why a scheme cannot be in the app policy's `linkSchemes`, or null when it can. */
export function appLinkSchemeProblem(scheme: string): string | null {
  if (!SCHEME.test(scheme)) return `"${scheme}" is not a lower-case URL scheme name (without the colon)`;
  if (NEVER_SCHEMES.has(scheme)) return `"${scheme}:" links can never be opened from the app`;
  return null;
}

/** Why `link.open` refuses a URL: `kind` for code, `message` in plain words. */
export interface LinkProblem {
  kind: 'not_a_url' | 'scheme' | 'credentials' | 'empty' | 'field';
  message: string;
}

const problem = (kind: LinkProblem['kind'], message: string): LinkProblem => ({ kind, message });

function fieldsProblem(parsed: URL, allowed: readonly string[], scheme: string): LinkProblem | null {
  for (const key of parsed.searchParams.keys()) {
    // RFC 6068: field names are case-insensitive (`Attach=` is `attach=`).
    if (!allowed.includes(key.toLowerCase()))
      return problem(
        'field',
        `a ${scheme}: link may carry only ${allowed.join(', ')} (not "${key.slice(0, 40)}")`,
      );
  }
  return null;
}

/**
 * Why this URL may not leave the app, or null when it may. `appSchemes` are the app policy's extra schemes
 * (names without the colon); a scheme that is never allowed stays refused even when listed.
 */
export function linkProblem(
  url: string,
  appSchemes: readonly string[] = APP_POLICY.linkSchemes,
): LinkProblem | null {
  if (typeof url !== 'string' || url.length > MAX_URL)
    return problem('not_a_url', 'that is not a link the app can open');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem('not_a_url', 'that is not a full link (it needs a scheme such as https:)');
  }
  const scheme = parsed.protocol.slice(0, -1);
  const builtIn = (BUILT_IN_LINK_SCHEMES as readonly string[]).includes(scheme);
  if (!builtIn && (!appSchemes.includes(scheme) || appLinkSchemeProblem(scheme) !== null)) {
    const names = [...BUILT_IN_LINK_SCHEMES, ...appSchemes.filter((a) => appLinkSchemeProblem(a) === null)];
    const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
    return problem('scheme', `only ${list} links can be opened, not ${scheme.slice(0, 32)}:`);
  }
  if (parsed.username || parsed.password)
    return problem('credentials', 'a link with a user name or password in it is not opened');
  switch (scheme) {
    case 'http':
    case 'https':
      return parsed.hostname ? null : problem('empty', 'that web link has no host');
    case 'mailto':
      if (!parsed.pathname) return problem('empty', 'that mailto link has no address');
      return fieldsProblem(parsed, MAILTO_FIELDS, 'mailto');
    case 'sms':
      if (!parsed.pathname) return problem('empty', 'that sms link has no number');
      return fieldsProblem(parsed, SMS_FIELDS, 'sms');
    case 'tel':
      return parsed.pathname ? null : problem('empty', 'that tel link has no number');
    default:
      // An app scheme: something must follow the colon for the handler to act on.
      return url.length > parsed.protocol.length ? null : problem('empty', `that ${scheme}: link is empty`);
  }
}

/** Whether the URL opens in a browser (system or in-app popup) rather than in another program. */
export const isWebLink = (url: string): boolean => /^https?:/i.test(url);

/**
 * The yes/no form. With `schemes` (with colons, e.g. `['https:', 'http:']`) only those schemes pass, under the
 * same rules; without, everything `link.open` takes.
 */
export function isSafeExternalUrl(url: string, schemes?: readonly string[]): boolean {
  if (linkProblem(url) !== null) return false;
  return schemes === undefined || schemes.includes(new URL(url).protocol);
}
