import { describe, expect, it } from 'vitest';
import { sealFlet } from '../../../../src/main/services/crypto/flet-format.ts';
import {
  decrypt,
  decryptDetailed,
  deriveKey,
  encrypt,
} from '../../../../src/main/services/crypto/passphrase-encryption.ts';
import { FLET_ITERATIONS, type FletIterations } from '../../../../src/shared/flet-encryption.ts';
import { HostError } from '../../../../src/shared/errors.ts';
import { readFixture } from '../../../helpers/testdata.ts';

interface FletVector {
  passphrase: string;
  plaintext: string;
  iterations: FletIterations;
  salt_hex: string;
  iv_hex: string;
  timestamp: number;
  encrypted: string;
}

const vectors = readFixture<FletVector[]>('flet-encryption/vectors.json');

describe("Flet's passphrase format", () => {
  it('has the vectors, for both iteration counts', () => {
    expect(vectors.filter((v) => v.iterations === FLET_ITERATIONS.current).length).toBeGreaterThanOrEqual(8);
    expect(vectors.filter((v) => v.iterations === FLET_ITERATIONS.legacy).length).toBeGreaterThanOrEqual(8);
  });

  it('is the token text after the salt, as Flet writes it (the token is base64url-encoded twice)', () => {
    for (const v of vectors) {
      const raw = Buffer.from(v.encrypted, 'base64url');
      expect(raw.subarray(0, 16).toString('hex')).toBe(v.salt_hex);
      expect(raw.subarray(16).toString('latin1')).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    }
  });

  it.each(vectors.map((v, i) => [i, v] as const))('decrypts vector %i', async (_i, v) => {
    expect(await decrypt(v.encrypted, v.passphrase, v.iterations)).toBe(v.plaintext);
  });

  it.each(vectors.map((v, i) => [i, v] as const))(
    'encrypts vector %i to the same bytes, given its salt, IV and time',
    async (_i, v) => {
      const salt = Buffer.from(v.salt_hex, 'hex');
      const out = sealFlet(Buffer.from(v.plaintext, 'utf8'), {
        key: await deriveKey(v.passphrase, salt, v.iterations),
        salt,
        iv: Buffer.from(v.iv_hex, 'hex'),
        time: v.timestamp,
      });
      expect(out).toBe(v.encrypted);
    },
  );

  it('encrypts as Flet does: what encrypt() writes has the vectors’ layout and re-seals to itself', async () => {
    const v = vectors[0]!;
    const out = await encrypt(v.plaintext, v.passphrase, { iterations: v.iterations });
    const raw = Buffer.from(out, 'base64url');
    const salt = raw.subarray(0, 16);
    const token = Buffer.from(raw.subarray(16).toString('latin1'), 'base64url');
    expect(raw.subarray(16).toString('latin1')).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    // The token's own time and IV, sealed again with the same key, give the same text byte for byte.
    const again = sealFlet(Buffer.from(v.plaintext, 'utf8'), {
      key: await deriveKey(v.passphrase, salt, v.iterations),
      salt,
      iv: token.subarray(9, 25),
      time: Number(token.readBigUInt64BE(1)),
    });
    expect(again).toBe(out);
  });

  it('takes no salt, IV or time from its caller (only the iteration count)', async () => {
    // @ts-expect-error: the public encrypt() has no test-vector options
    const out = await encrypt('same', 'same', { salt: Buffer.alloc(16), iterations: 100_000 });
    expect(Buffer.from(out, 'base64url').subarray(0, 16).equals(Buffer.alloc(16))).toBe(false);
  });

  it.each(vectors.map((v, i) => [i, v] as const))(
    "'auto' decrypts vector %i and says which Flet versions wrote it",
    async (_i, v) => {
      expect(await decryptDetailed(v.encrypted, v.passphrase, 'auto')).toEqual({
        text: v.plaintext,
        iterations: v.iterations,
        fletVersions:
          v.iterations === FLET_ITERATIONS.current ? 'Flet 0.27.5 and later' : 'Flet 0.1.60 – 0.27.4',
        layout: 'flet',
      });
    },
  );

  it('with the other iteration count named explicitly, says it cannot decrypt', async () => {
    const legacy = vectors.find((v) => v.iterations === FLET_ITERATIONS.legacy)!;
    await expectDecryptError(
      decrypt(legacy.encrypted, legacy.passphrase, FLET_ITERATIONS.current),
      /wrong passphrase, or the text was changed \(tried the key of Flet 0\.27\.5 and later, 600,000 iterations\)/,
    );
  });

  it('reads the layout Latchkey 0.1 wrote by mistake (raw token after the salt), so no saved data is lost', async () => {
    // Re-packed from a reference vector, not produced by our encrypt().
    const v = vectors[0]!;
    const raw = Buffer.from(v.encrypted, 'base64url');
    const tokenBytes = Buffer.from(raw.subarray(16).toString('latin1'), 'base64url');
    const old = Buffer.concat([raw.subarray(0, 16), tokenBytes]).toString('base64url');
    expect(await decryptDetailed(old, v.passphrase, 'auto')).toMatchObject({
      text: v.plaintext,
      layout: 'latchkey-0.1',
    });
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
    await expectDecryptError(decrypt(chars.join(''), v.passphrase), /the text was changed/);
  });

  it('truncated token', async () => {
    await expectDecryptError(decrypt(v.encrypted.slice(0, 80), v.passphrase), /truncated|length|base64/);
    await expectDecryptError(decrypt(v.encrypted.slice(0, 12), v.passphrase), /too short|base64/);
  });

  it('not base64', async () => {
    await expectDecryptError(
      decrypt('this is not encrypted!', v.passphrase),
      /“!” \(U\+0021\) at character 22/,
    );
    await expectDecryptError(decrypt('thisisnotencrypted', v.passphrase), /too short|cut off/);
    await expectDecryptError(
      decrypt(Buffer.alloc(40, 7).toString('base64url'), v.passphrase),
      /not text encrypted by Flet or Latchkey/,
    );
    await expectDecryptError(decrypt('', v.passphrase), /empty/);
  });

  it('tolerates surrounding whitespace from a copy and paste', async () => {
    expect(await decrypt(`  ${v.encrypted}\n`, v.passphrase)).toBe(v.plaintext);
  });

  it('accepts text wrapped over lines, indented, with its = padding cut off', async () => {
    const padded = vectors.find((x) => x.encrypted.endsWith('=') && x.iterations === v.iterations)!;
    const wrapped = padded.encrypted
      .replace(/=+$/, '')
      .match(/.{1,40}/g)!
      .join('\r\n\t ');
    expect(await decrypt(wrapped, padded.passphrase)).toBe(padded.plaintext);
  });

  it.each([
    ['a non-ASCII letter', 'é', /“é” \(U\+00E9\) at character 31/],
    ['standard base64 +', '+', /“\+” \(U\+002B\) at character 31/],
    ['a control character', '\u0007', /U\+0007 at character 31/],
    ['a lone surrogate', '\ud800', /U\+D800 at character 31/],
  ])('refuses %s inside the text, naming it and where it is', async (_name, char, message) => {
    const text = v.encrypted.slice(0, 30) + char + v.encrypted.slice(30);
    await expectDecryptError(decrypt(text, v.passphrase), message);
  });

  it('refuses = in the middle', async () => {
    await expectDecryptError(
      decrypt(v.encrypted.slice(0, 30) + '=' + v.encrypted.slice(30), v.passphrase),
      /"=" in the middle/,
    );
  });

  it.each([
    ['text', () => encrypt('abc\ud83d', 'p')],
    ['passphrase', () => encrypt('abc', 'p\udc00q')],
    ['passphrase when decrypting', () => decrypt(v.encrypted, '\ud83d')],
  ])('refuses an unpaired surrogate in the %s with invalid_argument, as Flet raises', async (what, call) => {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('invalid_argument');
    expect((error as HostError).message).toMatch(
      /broken character \(an unpaired surrogate, U\+D[89A-F][0-9A-F]{2}/,
    );
    void what;
  });

  it('refuses an iteration count Flet never used', async () => {
    await expect(encrypt('x', 'p', { iterations: 1000 as FletIterations })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/600000.*100000/),
    });
  });
});

describe('round trips', () => {
  it('empty text, empty passphrase, Unicode, both iteration counts', async () => {
    for (const iterations of [FLET_ITERATIONS.current, FLET_ITERATIONS.legacy]) {
      for (const [text, pass] of [
        ['', ''],
        ['ü ✓ 日本語 🔑', 'pässwörd 🔑'],
        ['x'.repeat(5000), 'k'],
      ] as const) {
        const encrypted = await encrypt(text, pass, { iterations });
        expect(await decryptDetailed(encrypted, pass, 'auto')).toMatchObject({ text, iterations });
      }
    }
  });

  it('uses a new salt and IV every time', async () => {
    const a = await encrypt('same', 'same');
    const b = await encrypt('same', 'same');
    expect(a).not.toBe(b);
  });
});
