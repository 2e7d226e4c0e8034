/** The demo provider keeps tokens and codes under their hash: what it saves cannot be used as a token. */
import { describe, expect, it } from 'vitest';
import { hashTokenId, memoryAdapter } from '../../../../src/main/auth/demo-idp/memory-adapter.ts';

type Saved = Record<string, Record<string, unknown>>;

describe('demo provider storage', () => {
  it('saves a token under its hash, without its value, and finds it by its value', async () => {
    let saved: Saved = {};
    const Adapter = memoryAdapter({ initial: {}, save: async (all) => void (saved = all as Saved) });
    const tokens = new Adapter('RefreshToken');
    const value = 'refresh-token-value-0123456789abcdef';
    await tokens.upsert(value, { jti: value, grantId: 'g1', kind: 'RefreshToken' }, 3600);
    expect(JSON.stringify(saved)).not.toContain(value);
    expect(Object.keys(saved.RefreshToken!)).toEqual([hashTokenId(value)]);
    expect(await tokens.find(value)).toMatchObject({ jti: value, grantId: 'g1' });
    expect(await tokens.find(hashTokenId(value))).toBeUndefined();
    await new Adapter('Grant').revokeByGrantId('g1');
    expect(await tokens.find(value)).toBeUndefined();
  });

  it('hashes tokens saved by an older version (kept under their value) when it loads them', async () => {
    let saved: Saved = {};
    const value = 'old-access-token-value';
    const Adapter = memoryAdapter({
      initial: {
        AccessToken: { [value]: { payload: { jti: value, kind: 'AccessToken' }, expiresAt: null } },
      },
      save: async (all) => void (saved = all as Saved),
    });
    const tokens = new Adapter('AccessToken');
    expect(await tokens.find(value)).toMatchObject({ jti: value });
    await tokens.upsert('another', { jti: 'another' }, 60);
    expect(JSON.stringify(saved)).not.toContain(value);
  });

  it('keeps sessions under their id: they are found by uid, which could not give the id back', async () => {
    const Adapter = memoryAdapter();
    const sessions = new Adapter('Session');
    await sessions.upsert('cookie-id', { jti: 'cookie-id', uid: 'u1' }, 60);
    expect(await sessions.findByUid('u1')).toMatchObject({ jti: 'cookie-id' });
  });
});
