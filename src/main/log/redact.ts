/**
 * The one redaction step every log line passes before it is written anywhere (the log file, stderr). A pure
 * function of the text, so what it removes is pinned by a table test (test/main/log/redact.test.ts).
 *
 * It errs on the side of removing too much: a log line that lost a harmless value is a small price, a token
 * in a file a user mails to support is not.
 */
import { format } from 'node:util';

export const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (JSON, form bodies, query strings, `key: value`). */
const SECRET_FIELDS = [
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'idToken',
  'token',
  'code_verifier',
  'codeVerifier',
  'device_code',
  'deviceCode',
  'user_code',
  'userCode',
  'client_secret',
  'clientSecret',
  'secret',
  'password',
  'passphrase',
  'assertion',
  'api_key',
  'apiKey',
  'cookie',
  'set-cookie',
  'x-latchkey-secret',
  'authorization',
  'proxy-authorization',
];

/**
 * Names that are secrets only as form or query fields (`code=…`): as object keys they are mostly harmless
 * (an error's `code: 'forbidden'`, a card's `state`), and the URLs that carry them lose their query anyway.
 */
const FORM_ONLY_FIELDS = ['code', 'state', 'nonce', 'session_state'];

const alternation = (names: readonly string[]) => names.map((f) => f.replace(/-/g, '\\-')).join('|');
const fieldNames = alternation(SECRET_FIELDS);

const RULES: ReadonlyArray<readonly [RegExp, string | ((...m: string[]) => string)]> = [
  // `Authorization: Bearer abc`, `authorization=Basic abc`, in headers or dumped objects: the whole value.
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:[A-Za-z]+\s+)?[^\s"',;}]+/gi, `$1$2${REDACTED}`],
  // A bare scheme and credential anywhere else.
  [/\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`],
  // Credentials inside a URL (`https://user:pass@host`).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // The query and fragment of every URL (redirects carry codes, states, tokens): keep scheme, host and path.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi, `$1?${REDACTED}`],
  // "field": "value" (JSON), field=value (forms, queries), field: value (objects as util.inspect prints them).
  [
    new RegExp(
      `(["']?)\\b(${fieldNames})\\1(\\s*[:=]\\s*)(?!["']?\\[redacted\\])("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|[^\\s,;&}\\]]+)`,
      'gi',
    ),
    (_m, q, name, sep, value) => {
      const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${q}${name}${q}${sep}${quote}${REDACTED}${quote}`;
    },
  ],
  [new RegExp(`\\b(${alternation(FORM_ONLY_FIELDS)})=[^\\s&#"']+`, 'g'), `$1=${REDACTED}`],
  // JSON Web Tokens (ID tokens, many access tokens), wherever they are.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Flet/Fernet ciphertext (version byte 0x80 → "gAAAAA" in base64url).
  [/\bgAAAAA[A-Za-z0-9_=-]{20,}/g, REDACTED],
  // Well-known token formats: GitHub, GitLab, Google, Slack.
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{16,}|ya29\.[A-Za-z0-9._-]{16,}|xox[abpr]-[A-Za-z0-9-]{10,})/g,
    REDACTED,
  ],
  // Any other opaque blob of 32+ base64/base64url characters with letters and digits in it: opaque access
  // tokens, Flet ciphertext (base64url of a random salt and a Fernet token), keys. Words and paths never
  // look like this.
  [
    /(?<![A-Za-z0-9_+-])[A-Za-z0-9_+-]{32,}={0,2}/g,
    (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? REDACTED : m),
  ],
];

/** The text with every secret this module knows how to recognise replaced by `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

/** One log line from a call's arguments, as console would print them, redacted. */
export function formatLine(args: readonly unknown[]): string {
  return redact(format(...args));
}
