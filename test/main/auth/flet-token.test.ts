import { describe, expect, it } from 'vitest';
import { parseFletToken, toFletTokenJson } from '../../../src/main/auth/flet-token.ts';
import type { TokenSet } from '../../../src/main/auth/providers/types.ts';
import { HostError } from '../../../src/shared/errors.ts';
import { PYTHON_SKIP_LINE, hasPythonCryptography, pythonRequired, runPython } from '../../helpers/python.ts';

/**
 * Flet's OAuthToken and its to_json(), as Flet writes them (flet/auth/oauth_token.py with its
 * EmbedJsonEncoder, which drops None fields): the reference the export must satisfy.
 */
const PY_OAUTH_TOKEN = `
import json, sys

class OAuthToken:
    def __init__(self, access_token, scope=None, token_type=None, expires_in=None, expires_at=None, refresh_token=None):
        self.access_token = access_token
        self.scope = scope
        self.token_type = token_type
        self.expires_in = expires_in
        self.expires_at = expires_at
        self.refresh_token = refresh_token

    def to_json(self):
        return json.dumps({k: v for k, v in self.__dict__.items() if v is not None}, separators=(",", ":"))

req = json.load(sys.stdin)
out = {"reread": [], "made": []}
for text in req["exports"]:
    try:
        out["reread"].append(OAuthToken(**json.loads(text)).to_json())
    except TypeError as e:
        out["reread"].append("TypeError: " + str(e))
for t in req["make"]:
    out["made"].append(OAuthToken(**t).to_json())
print(json.dumps(out))
`;

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

const full: TokenSet = {
  accessToken: 'at-1',
  tokenType: 'Bearer',
  refreshToken: 'rt-1',
  expiresAt: NOW + 3_600_500,
  issuedAt: NOW,
  scopes: ['openid', 'profile', 'email'],
  idToken: 'never-exported',
};

describe("Flet's saved token", () => {
  it('exports in Flet’s field order, compact, scope as a list, and nothing Flet does not know', () => {
    expect(toFletTokenJson(full, NOW)).toBe(
      `{"access_token":"at-1","scope":["openid","profile","email"],"token_type":"Bearer","expires_in":3601,"expires_at":${(NOW + 3_600_500) / 1000},"refresh_token":"rt-1"}`,
    );
  });

  it('leaves out what the token does not have, as Flet drops None', () => {
    const bare: TokenSet = { accessToken: 'a', tokenType: 'Bearer', issuedAt: NOW, scopes: [] };
    expect(toFletTokenJson(bare, NOW)).toBe('{"access_token":"a","scope":[],"token_type":"Bearer"}');
  });

  it('imports scope as a list (Flet) or a space-separated string, and null or missing fields', () => {
    const list = parseFletToken('{"access_token":"a","scope":["openid","groups"],"expires_in":60}', NOW);
    expect(list).toMatchObject({
      scopes: ['openid', 'groups'],
      tokenType: 'Bearer',
      expiresAt: NOW + 60_000,
    });
    const text = parseFletToken(
      '{"access_token":"a","scope":"openid groups","token_type":"bearer","expires_at":1800000000.5,"refresh_token":null}',
      NOW,
    );
    expect(text).toMatchObject({
      scopes: ['openid', 'groups'],
      tokenType: 'bearer',
      expiresAt: 1_800_000_000_500,
    });
    expect(text.refreshToken).toBeUndefined();
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['no access token', '{"scope":[]}', /access_token/],
    ['a scope of numbers', '{"access_token":"a","scope":[1]}', /scope/],
    ['a negative lifetime', '{"access_token":"a","expires_in":-5}', /expires_in/],
  ])('refuses %s with invalid_argument', (_name, json, message) => {
    let error: unknown;
    try {
      parseFletToken(json, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('invalid_argument');
    expect((error as HostError).message).toMatch(message);
  });
});

const python = hasPythonCryptography();
if (pythonRequired && !python) throw new Error('LATCHKEY_REQUIRE_PYTHON=1 but /usr/bin/python3 is missing');
if (!python) console.warn(PYTHON_SKIP_LINE);

describe.runIf(python)("Flet's OAuthToken in Python", () => {
  it('reads the export unchanged, and what Flet writes imports', () => {
    const exports = [
      toFletTokenJson(full, NOW),
      toFletTokenJson({ accessToken: 'a', tokenType: 'Bearer', issuedAt: NOW, scopes: ['x'] }, NOW),
    ];
    const made = {
      access_token: 'gho_flet',
      scope: ['read:user', 'user:email'],
      token_type: 'bearer',
      expires_in: 28800,
      expires_at: 1_800_000_000.25,
      refresh_token: 'ghr_flet',
    };
    const answer = runPython<{ reread: string[]; made: string[] }>(PY_OAUTH_TOKEN, {
      exports,
      make: [made, { access_token: 'only' }],
    });
    expect(answer.reread).toEqual(exports);
    expect(parseFletToken(answer.made[0]!, NOW)).toMatchObject({
      accessToken: 'gho_flet',
      scopes: ['read:user', 'user:email'],
      refreshToken: 'ghr_flet',
      expiresAt: 1_800_000_000_250,
    });
    expect(parseFletToken(answer.made[1]!, NOW)).toMatchObject({ accessToken: 'only', scopes: [] });
  });
});
