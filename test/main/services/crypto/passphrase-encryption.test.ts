import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../../../src/main/services/crypto/passphrase-encryption.ts';
import { HostError } from '../../../../src/shared/errors.ts';
import { hasPythonCryptography, pythonRequired, runPython } from '../../../helpers/python.ts';
import { readTestdata } from '../../../helpers/testdata.ts';

interface FletVector {
  passphrase: string;
  plaintext: string;
  iterations: number;
  salt_hex: string;
  iv_hex: string;
  timestamp: number;
  encrypted: string;
}

const vectors = readTestdata<FletVector[]>('flet-encryption/vectors.json');

describe("Flet's passphrase format", () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(8);
  });

  it.each(vectors.map((v, i) => [i, v] as const))('decrypts vector %i', async (_i, v) => {
    expect(await decrypt(v.encrypted, v.passphrase, v.iterations)).toBe(v.plaintext);
  });

  it.each(vectors.map((v, i) => [i, v] as const))('encrypts vector %i to the same bytes', async (_i, v) => {
    const out = await encrypt(v.plaintext, v.passphrase, {
      salt: Buffer.from(v.salt_hex, 'hex'),
      iv: Buffer.from(v.iv_hex, 'hex'),
      time: v.timestamp,
      iterations: v.iterations,
    });
    expect(out).toBe(v.encrypted);
  });
});

async function expectDecryptError(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  expect((error as HostError).code).toBe('decrypt_failed');
  expect((error as HostError).message).toMatch(message);
}

describe('bad input never crashes and says what is wrong', () => {
  const v = vectors[0]!;

  it('wrong passphrase', async () => {
    await expectDecryptError(decrypt(v.encrypted, v.passphrase + 'x'), /wrong passphrase/);
  });

  it('tampered token', async () => {
    const chars = v.encrypted.split('');
    const at = 60;
    chars[at] = chars[at] === 'A' ? 'B' : 'A';
    await expectDecryptError(
      decrypt(chars.join(''), v.passphrase),
      /wrong passphrase, or the text was changed/,
    );
  });

  it('truncated token', async () => {
    await expectDecryptError(decrypt(v.encrypted.slice(0, 80), v.passphrase), /truncated|length|base64/);
    await expectDecryptError(decrypt(v.encrypted.slice(0, 12), v.passphrase), /too short|base64/);
  });

  it('not base64', async () => {
    await expectDecryptError(decrypt('this is not encrypted!', v.passphrase), /not base64url/);
    await expectDecryptError(decrypt('', v.passphrase), /too short/);
  });

  it('tolerates surrounding whitespace from a copy and paste', async () => {
    expect(await decrypt(`  ${v.encrypted}\n`, v.passphrase)).toBe(v.plaintext);
  });
});

describe('round trips', () => {
  it('empty text, empty passphrase, Unicode', async () => {
    for (const [text, pass] of [
      ['', ''],
      ['ü ✓ 日本語 🔑', 'pässwörd 🔑'],
      ['x'.repeat(5000), 'k'],
    ] as const) {
      expect(await decrypt(await encrypt(text, pass), pass)).toBe(text);
    }
  });

  it('uses a new salt and IV every time', async () => {
    const a = await encrypt('same', 'same');
    const b = await encrypt('same', 'same');
    expect(a).not.toBe(b);
  });
});

const python = hasPythonCryptography();
if (pythonRequired && !python)
  throw new Error('LATCHKEY_REQUIRE_PYTHON=1 but /usr/bin/python3 has no cryptography');

// Flet's own algorithm, written out in Python with the `cryptography` package, independent of our code.
const PY_FLET = `
import base64, json, os, sys
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

def key(passphrase, salt):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))

def encrypt(text, passphrase):
    salt = os.urandom(16)
    token = Fernet(key(passphrase, salt)).encrypt(text.encode("utf-8"))
    return base64.urlsafe_b64encode(salt + base64.urlsafe_b64decode(token)).decode()

def decrypt(data, passphrase):
    raw = base64.urlsafe_b64decode(data.encode())
    token = base64.urlsafe_b64encode(raw[16:])
    return Fernet(key(passphrase, raw[:16])).decrypt(token).decode("utf-8")

req = json.load(sys.stdin)
print(json.dumps({
    "decrypted": [decrypt(c["encrypted"], c["passphrase"]) for c in req["decrypt"]],
    "encrypted": [encrypt(c["text"], c["passphrase"]) for c in req["encrypt"]],
}))
`;

function randomText(): string {
  const pools = ['abcxyz ', 'äöüß€', '日本語テキスト', '🔑🙂✓', '\n\t"\\', '\u0000'];
  let s = '';
  const n = randomInt(0, 40);
  for (let i = 0; i < n; i++) {
    const pool = [...pools[randomInt(0, pools.length)]!];
    s += pool[randomInt(0, pool.length)];
  }
  return s;
}

describe.runIf(python)("cross-check with Python's cryptography (/usr/bin/python3)", () => {
  it('each side decrypts what the other encrypted: random passphrases and texts, Unicode and empty', async () => {
    const cases = [
      { text: '', passphrase: '' },
      { text: 'Unicode ✓ 日本語 🔑', passphrase: 'pässwörd 🔑' },
      ...Array.from({ length: 4 }, () => ({
        text: randomText(),
        passphrase: randomText() + randomBytes(4).toString('hex'),
      })),
    ];
    const ours = await Promise.all(
      cases.map(async (c) => ({ ...c, encrypted: await encrypt(c.text, c.passphrase) })),
    );
    const answer = runPython<{ decrypted: string[]; encrypted: string[] }>(PY_FLET, {
      decrypt: ours.map((c) => ({ encrypted: c.encrypted, passphrase: c.passphrase })),
      encrypt: cases,
    });
    expect(answer.decrypted).toEqual(cases.map((c) => c.text));
    const back = await Promise.all(answer.encrypted.map((e, i) => decrypt(e, cases[i]!.passphrase)));
    expect(back).toEqual(cases.map((c) => c.text));
  });
});
