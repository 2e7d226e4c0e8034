/**
 * Latchkey's passphrase encryption against Flet's own two functions, run in Python with the `cryptography`
 * package. The Python side is written from Flet's `flet/security/__init__.py` (encrypt: PBKDF2HMAC →
 * `urlsafe_b64encode` key → `Fernet` → `urlsafe_b64encode(salt + f.encrypt(...))`; decrypt the reverse),
 * with the iteration count as a parameter for the two eras. Nothing here is derived from Latchkey's code.
 * Everything on the Latchkey side goes through the host API (the dispatcher both transports use).
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/ipc/dispatcher.ts';
import type { Result } from '../../../../src/shared/errors.ts';
import type { DecryptDetails } from '../../../../src/shared/flet-encryption.ts';
import { FLET_ITERATIONS } from '../../../../src/shared/flet-encryption.ts';
import { testHost } from '../../../helpers/host.ts';
import {
  PYTHON_SKIP_LINE,
  hasPythonCryptography,
  pythonRequired,
  runPython,
} from '../../../helpers/python.ts';

const python = hasPythonCryptography();
if (pythonRequired && !python)
  throw new Error('LATCHKEY_REQUIRE_PYTHON=1 but /usr/bin/python3 has no cryptography');
if (!python) console.warn(PYTHON_SKIP_LINE);

const PY_FLET = `
import base64, json, os, sys
from concurrent.futures import ProcessPoolExecutor
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

def generate_key(secret_key, salt, iterations):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return base64.urlsafe_b64encode(kdf.derive(secret_key.encode("utf-8")))

def encrypt(plain_text, secret_key, iterations):
    salt = os.urandom(16)
    f = Fernet(generate_key(secret_key, salt, iterations))
    return base64.urlsafe_b64encode(salt + f.encrypt(plain_text.encode("utf-8"))).decode()

def decrypt(encrypted_data, secret_key, iterations):
    data = base64.urlsafe_b64decode(encrypted_data)
    f = Fernet(generate_key(secret_key, data[:16], iterations))
    return f.decrypt(data[16:]).decode("utf-8")

def run(job):
    op, c = job
    if op == "encrypt":
        return encrypt(c["text"], c["passphrase"], c["iterations"])
    try:
        return {"text": decrypt(c["encrypted"], c["passphrase"], c["iterations"])}
    except InvalidToken:
        return {"error": "InvalidToken"}

if __name__ == "__main__":
    req = json.load(sys.stdin)
    jobs = [("encrypt", c) for c in req["encrypt"]] + [("decrypt", c) for c in req["decrypt"]]
    with ProcessPoolExecutor(2) as pool:
        out = list(pool.map(run, jobs, chunksize=4))
    n = len(req["encrypt"])
    print(json.dumps({"encrypted": out[:n], "decrypted": out[n:]}))
`;

/** A small seeded generator, so a failing run can be replayed with LATCHKEY_SEED. */
function generator(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

const POOLS = [
  'abcxyz ABC 019',
  'äöüß€ñ',
  '日本語テキスト',
  '🔑🙂✓👩‍💻',
  '\n\t"\\\'',
  '\u0000\u007f',
  'ᚠᛇᚻ ℵ ∑',
];

function randomText(next: (n: number) => number, max: number): string {
  let s = '';
  const length = Math.floor(next(max + 1));
  while ([...s].length < length) {
    const pool = [...POOLS[Math.floor(next(POOLS.length))]!];
    s += pool[Math.floor(next(pool.length))];
  }
  return s;
}

interface Case {
  text: string;
  passphrase: string;
  iterations: number;
}

function cases(next: (n: number) => number, count: number): Case[] {
  const iterations = () => (next(2) < 1 ? FLET_ITERATIONS.current : (FLET_ITERATIONS.legacy as number));
  const fixed: Case[] = [
    { text: '', passphrase: '', iterations: FLET_ITERATIONS.current },
    { text: '', passphrase: '', iterations: FLET_ITERATIONS.legacy },
    { text: 'Unicode ✓ 日本語 🔑 👩‍💻', passphrase: 'pässwörd 🔑', iterations: FLET_ITERATIONS.current },
    // 1 MB of mixed text (some characters are several UTF-8 bytes).
    { text: 'x'.repeat(1024 * 1024 - 8) + 'ü✓🔑', passphrase: 'big', iterations: iterations() },
  ];
  const random = Array.from({ length: count - fixed.length }, () => ({
    text: randomText(next, 60),
    passphrase: randomText(next, 20),
    iterations: iterations(),
  }));
  return [...fixed, ...random];
}

describe.runIf(python)("cross-check with Flet's functions in Python (cryptography)", () => {
  it('each side decrypts what the other encrypted, both iteration counts; tampering and wrong passphrases fail', async () => {
    const seed = Number(process.env.LATCHKEY_SEED ?? randomInt(2 ** 31));
    console.log(`flet cross-check seed: ${seed} (replay with LATCHKEY_SEED=${seed})`);
    const next = generator(seed);
    const host = await testHost();
    const dispatch = createDispatcher(host.handlers, { warn() {}, error() {} });
    const ctx = { clientId: 'cross-check' };
    const call = async <T>(method: 'crypto.encrypt' | 'crypto.decryptDetailed', args: unknown[]) =>
      (await dispatch(method, args, ctx)) as Result<T>;

    const toPython = cases(next, 100);
    const toLatchkey = cases(next, 100);

    // Latchkey encrypts; Python (Flet's decrypt) must read it with the same iteration count.
    const ours = await Promise.all(
      toPython.map(async (c) => {
        const r = await call<string>('crypto.encrypt', [c.text, c.passphrase, { iterations: c.iterations }]);
        if (!r.ok) throw new Error(`encrypt failed: ${r.error.message}`);
        return r.value;
      }),
    );
    const wrong = ours.slice(0, 5).map((encrypted, i) => ({
      encrypted,
      passphrase: toPython[i]!.passphrase + 'x',
      iterations: toPython[i]!.iterations,
    }));
    const answer = runPython<{
      encrypted: string[];
      decrypted: ({ text: string } | { error: string })[];
    }>(PY_FLET, {
      encrypt: toLatchkey,
      decrypt: [
        ...ours.map((encrypted, i) => ({
          encrypted,
          passphrase: toPython[i]!.passphrase,
          iterations: toPython[i]!.iterations,
        })),
        ...wrong,
      ],
    });
    expect(answer.decrypted.slice(0, ours.length)).toEqual(toPython.map((c) => ({ text: c.text })));
    expect(answer.decrypted.slice(ours.length)).toEqual(wrong.map(() => ({ error: 'InvalidToken' })));

    // Python encrypts; Latchkey reads it with 'auto' and says which count it was.
    const back = await Promise.all(
      answer.encrypted.map((encrypted, i) =>
        call<DecryptDetails>('crypto.decryptDetailed', [
          encrypted,
          toLatchkey[i]!.passphrase,
          { iterations: 'auto' },
        ]),
      ),
    );
    expect(back).toEqual(
      toLatchkey.map((c) => ({
        ok: true,
        value: expect.objectContaining({ text: c.text, iterations: c.iterations, layout: 'flet' }),
      })),
    );

    // A changed character in the token, or a wrong passphrase: decrypt_failed, never a crash or wrong text.
    const failures = await Promise.all(
      answer.encrypted.slice(4, 14).map((encrypted, i) => {
        const c = toLatchkey[i + 4]!;
        if (i % 2 === 0) {
          return call('crypto.decryptDetailed', [encrypted, c.passphrase + '!', { iterations: 'auto' }]);
        }
        // In the first half: never the final characters, whose spare bits may not change the bytes.
        const at = 40 + Math.floor(next(encrypted.length / 2 - 40));
        const changed = encrypted[at] === 'A' ? 'B' : 'A';
        const tampered = encrypted.slice(0, at) + changed + encrypted.slice(at + 1);
        return call('crypto.decryptDetailed', [tampered, c.passphrase, { iterations: 'auto' }]);
      }),
    );
    for (const f of failures) {
      expect(f).toMatchObject({ ok: false, error: { code: 'decrypt_failed' } });
    }
  }, 300_000);
});
