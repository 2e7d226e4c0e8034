import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../../../src/main/services/crypto/base64url.ts';
import {
  FernetError,
  fernetDecrypt,
  fernetEncrypt,
  fernetKeyFromText,
} from '../../../../src/main/services/crypto/fernet.ts';
import { readFixture } from '../../../helpers/testdata.ts';

interface Generate {
  token: string;
  now: string;
  iv: number[];
  src: string;
  secret: string;
}
interface Verify {
  token: string;
  now: string;
  ttl_sec: number;
  src: string;
  secret: string;
}
interface Invalid {
  desc: string;
  token: string;
  now: string;
  ttl_sec: number;
  secret: string;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('Fernet spec vectors', () => {
  const generate = readFixture<Generate[]>('fernet/generate.json');
  const verify = readFixture<Verify[]>('fernet/verify.json');
  const invalid = readFixture<Invalid[]>('fernet/invalid.json');

  it('has the vectors', () => {
    expect(generate.length).toBeGreaterThan(0);
    expect(verify.length).toBeGreaterThan(0);
    expect(invalid).toHaveLength(8);
  });

  it.each(generate.map((v) => [v.src, v] as const))('generates the token for %j', (_src, v) => {
    const token = fernetEncrypt(fernetKeyFromText(v.secret), Buffer.from(v.src), {
      time: seconds(v.now),
      iv: Uint8Array.from(v.iv),
    });
    expect(token).toBe(v.token);
  });

  it.each(verify.map((v) => [v.src, v] as const))('verifies the token for %j', (_src, v) => {
    const plain = fernetDecrypt(fernetKeyFromText(v.secret), v.token, {
      ttlSeconds: v.ttl_sec,
      now: seconds(v.now),
    });
    expect(plain.toString()).toBe(v.src);
  });

  const expectedReason: Record<string, string> = {
    'incorrect mac': 'signature',
    'too short': 'length',
    'invalid base64': 'base64',
    'payload size not multiple of block size': 'length',
    'payload padding error': 'padding',
    'far-future TS (unacceptable clock skew)': 'future',
    'expired TTL': 'expired',
    'incorrect IV (causes padding error)': 'padding',
  };

  it.each(invalid.map((v) => [v.desc, v] as const))('rejects "%s" with a clear error', (desc, v) => {
    let caught: unknown;
    try {
      fernetDecrypt(fernetKeyFromText(v.secret), v.token, { ttlSeconds: v.ttl_sec, now: seconds(v.now) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FernetError);
    const e = caught as FernetError;
    expect(e.code).toBe('decrypt_failed');
    expect(e.reason).toBe(expectedReason[desc]);
    expect(e.message.length).toBeGreaterThan(10);
  });
});

describe('Fernet round trips and edges', () => {
  const key = Buffer.alloc(32, 7);

  it('round-trips empty and binary data', () => {
    for (const data of [Buffer.alloc(0), Buffer.from([0, 255, 1, 254]), Buffer.alloc(100_000, 0xab)]) {
      expect(fernetDecrypt(key, fernetEncrypt(key, data)).equals(data)).toBe(true);
    }
  });

  it('accepts any age without a TTL (as Flet does), and checks it with one', () => {
    const old = fernetEncrypt(key, Buffer.from('x'), { time: 1000 });
    expect(fernetDecrypt(key, old).toString()).toBe('x');
    expect(() => fernetDecrypt(key, old, { ttlSeconds: 60, now: 2000 })).toThrow(/expired/);
  });

  it('rejects every single-bit flip', () => {
    const raw = decodeBase64Url(fernetEncrypt(key, Buffer.from('hello world')))!;
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i]! ^= 1;
      expect(() => fernetDecrypt(key, encodeBase64Url(bad))).toThrow(FernetError);
    }
  });

  it('refuses keys of the wrong size', () => {
    expect(() => fernetEncrypt(Buffer.alloc(16), Buffer.from('x'))).toThrow(/32 bytes/);
    expect(() => fernetKeyFromText('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('base64url', () => {
  it('always pads, as Python expects', () => {
    expect(encodeBase64Url(Buffer.from('a'))).toBe('YQ==');
    expect(encodeBase64Url(Buffer.from('ab'))).toBe('YWI=');
    expect(encodeBase64Url(Buffer.from([0xfb, 0xff]))).toBe('-_8=');
  });
  it('decodes padded and unpadded text, and refuses anything else', () => {
    expect(decodeBase64Url('YWI=')?.toString()).toBe('ab');
    expect(decodeBase64Url('YWI')?.toString()).toBe('ab');
    for (const bad of ['YW I=', 'YWI+', 'YWI/', '%%%%', 'Y', 'YWI==', '=YWI', 'YQ=a'])
      expect(decodeBase64Url(bad)).toBeNull();
  });
});
