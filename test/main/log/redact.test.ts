/** The one redaction step: what it removes (and what it leaves readable), as a table. */
import { describe, expect, it } from 'vitest';
import { formatLine, redact, REDACTED } from '../../../src/main/log/redact.ts';

const JWT =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEiLCJpc3MiOiJodHRwOi8vMTI3LjAuMC4xIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redact', () => {
  it.each([
    [
      'Authorization header',
      'GET /user Authorization: Bearer abc.def-123',
      'GET /user Authorization: [redacted]',
    ],
    [
      'authorization in an object',
      "{ authorization: 'Basic dXNlcjpwYXNz' }",
      "{ authorization: '[redacted]' }",
    ],
    ['a bare bearer credential', 'sent Bearer tok_1234567890 upstream', 'sent Bearer [redacted] upstream'],
    [
      'JSON token fields',
      '{"access_token":"at-1","refresh_token":"rt-2","expires_in":3600}',
      '{"access_token":"[redacted]","refresh_token":"[redacted]","expires_in":3600}',
    ],
    [
      'camelCase token fields',
      "{ accessToken: 'at-1', idToken: 'x' }",
      "{ accessToken: '[redacted]', idToken: '[redacted]' }",
    ],
    [
      'a form body',
      'grant_type=refresh_token&refresh_token=rt-2&client_secret=s3',
      'grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]',
    ],
    ['a passphrase', 'encrypt passphrase=correct horse', 'encrypt passphrase=[redacted] horse'],
    ['a password field', '"password": "demo"', '"password": "[redacted]"'],
    ['the web host secret header', 'x-latchkey-secret: 0f1e2d3c', 'x-latchkey-secret: [redacted]'],
    [
      'a redirect URL query',
      'callback http://127.0.0.1:5000/callback/demo?code=abc&state=xyz&iss=x done',
      'callback http://127.0.0.1:5000/callback/demo?[redacted] done',
    ],
    [
      'a deep link query',
      'ignored latchkey://auth/callback?code=abc#frag',
      'ignored latchkey://auth/callback?[redacted]',
    ],
    [
      'credentials in a URL',
      'proxy https://bob:hunter2@proxy.example/ up',
      'proxy https://[redacted]@proxy.example/ up',
    ],
    ['a code outside a URL', 'form code=abc123&state=s1', 'form code=[redacted]&state=[redacted]'],
    ['a JSON Web Token anywhere', `id ${JWT} end`, `id ${REDACTED} end`],
    ['Fernet ciphertext', 'out gAAAAABpZ3Jvd2luZy1jaXBoZXJ0ZXh0LXRoYXQtaXMtbG9uZw== ok', 'out [redacted] ok'],
    ['a GitHub token', 'token gho_16C7e42F292c6912E7710c838347Ae178B4a', 'token [redacted]'],
    ['a GitLab token', 'glpat-abcdefghij0123456789', REDACTED],
    ['an opaque token', 'got N3vZk8Qw2Lp0Xr5Yt7Ub9Ic1Od4Ee6Ff8Gg', `got ${REDACTED}`],
    [
      'Flet ciphertext (salt first)',
      'out 7cR2x_9Lq-0aZbYcXdWeVfUgThSiRjQkPlOm1234gAAAAAB',
      `out ${REDACTED}`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['an error code', "latchkey: refused auth.signIn: { code: 'forbidden' }"],
    ['a URL without a query', 'provider http://127.0.0.1:5000/.well-known/openid-configuration unreachable'],
    ['a provider id and a state name', 'latchkey: demo signed in (state signedIn)'],
    ['a plain message', 'latchkey: settings: EACCES: permission denied'],
    ['a file path', 'log at /home/ada/.config/Latchkey/logs/main.log (2026-12-01T20:00:00.000Z)'],
    ['a long word', 'a-very-long-hyphenated-identifier-without-any-digits-at-all'],
  ])('leaves %s readable', (_name, input) => {
    expect(redact(input)).toBe(input);
  });

  it('redacts what console would print for objects and errors', () => {
    const line = formatLine([
      'refresh failed',
      { refresh_token: 'rt-secret-1', status: 500 },
      new Error('x'),
    ]);
    expect(line).not.toContain('rt-secret-1');
    expect(line).toContain('status: 500');
  });
});
