import { describe, expect, it } from 'vitest';
import {
  capClaims,
  capGroups,
  MAX_GROUPS_BYTES,
  groupFromClaim,
  groupNames,
  groupsFromClaims,
  MAX_CLAIMS_BYTES,
  rememberedGroups,
} from '../../../src/main/auth/profile-claims.ts';

const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('capClaims', () => {
  it('keeps a profile that fits whole, custom claims included, with no note', () => {
    const raw = {
      sub: 'u1',
      hd: 'example.org',
      'https://example.org/roles': ['admin'],
      nested: { a: [1, 2] },
    };
    expect(capClaims(raw)).toEqual({ claims: raw });
  });

  it('cuts a profile over 64 KiB to the fields that fit, in order, and says what it left out and why', () => {
    const raw = { sub: 'u1', photo: 'x'.repeat(70 * 1024), name: 'Ada', blob: 'é'.repeat(40 * 1024) };
    const { claims, claimsCut } = capClaims(raw);
    expect(Object.keys(claims)).toEqual(['sub', 'name']);
    expect(jsonBytes(claims)).toBeLessThanOrEqual(MAX_CLAIMS_BYTES);
    expect(claimsCut).toEqual({ limit: MAX_CLAIMS_BYTES, size: jsonBytes(raw), omitted: ['photo', 'blob'] });
  });

  it('counts bytes of UTF-8, not characters, and stays within the limit exactly', () => {
    const limit = 100;
    // Each "é" is 2 bytes: 60 characters are 120 bytes, over a 100-byte limit though under 100 characters.
    const { claims, claimsCut } = capClaims({ a: 'é'.repeat(60), b: 'ok' }, limit);
    expect(claims).toEqual({ b: 'ok' });
    expect(claimsCut?.omitted).toEqual(['a']);
    expect(jsonBytes(claims)).toBeLessThanOrEqual(limit);
  });

  it('keeps nothing of what is not an object, and no __proto__ key as a prototype', () => {
    expect(capClaims(null)).toEqual({ claims: {} });
    expect(capClaims(['a'])).toEqual({ claims: {} });
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "sub": "u"}') as unknown;
    const { claims } = capClaims(hostile);
    expect(claims).toEqual({ sub: 'u' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('groups from claims', () => {
  it('a string is both id and name; an object keeps its own fields', () => {
    expect(groupFromClaim('admins')).toEqual({ id: 'admins', name: 'admins' });
    expect(groupFromClaim({ id: 'g-1', displayName: 'Admins', kind: 'security' })).toEqual({
      id: 'g-1',
      name: 'Admins',
      displayName: 'Admins',
      kind: 'security',
    });
    expect(groupFromClaim({ name: 'ops' })).toEqual({ id: 'ops', name: 'ops' });
  });

  it('leaves out what cannot be a group (empty strings, objects without a name or id, null)', () => {
    expect(groupsFromClaims(['a', '', null, {}, { flag: true }, 7])).toEqual([
      { id: 'a', name: 'a' },
      { id: '7', name: '7' },
    ]);
  });

  it('groupNames is the names in order, and null without groups', () => {
    expect(
      groupNames([
        { id: '1', name: 'Core' },
        { id: '2', name: 'Ops' },
      ]),
    ).toEqual(['Core', 'Ops']);
    expect(groupNames(null)).toBeNull();
  });
});

describe('rememberedGroups', () => {
  it('reads the plain strings of vault entries written before groups had fields', () => {
    expect(rememberedGroups(['octo-org/core', 'admins'])).toEqual([
      { id: 'octo-org/core', name: 'octo-org/core' },
      { id: 'admins', name: 'admins' },
    ]);
  });

  it('keeps group objects as they are, null as null, and refuses anything else', () => {
    const groups = [{ id: '1000', name: 'Core', path: 'octo-org/core' }];
    expect(rememberedGroups(groups)).toEqual(groups);
    expect(rememberedGroups(null)).toBeNull();
    expect(rememberedGroups('admins')).toBeUndefined();
    expect(rememberedGroups([{ id: 1, name: 'x' }])).toBeUndefined();
  });
});

describe('capGroups', () => {
  const team = (i: number) => ({
    id: String(i),
    name: `Team ${i}`,
    slug: `team-${i}`,
    org: 'octo-org',
    path: `octo-org/team-${i}`,
    description: 'd'.repeat(200),
    organization: { login: 'octo-org', url: 'https://api.example/orgs/octo-org' },
  });

  it('keeps a list that fits with every field', () => {
    const groups = [team(1), team(2)];
    expect(capGroups(groups)).toBe(groups);
  });

  it('over the limit keeps every group with its core fields only, never fewer groups', () => {
    const groups = Array.from({ length: 1200 }, (_, i) => team(i));
    expect(jsonBytes(groups)).toBeGreaterThan(MAX_GROUPS_BYTES);
    const kept = capGroups(groups);
    expect(kept).toHaveLength(1200);
    expect(kept[7]).toEqual({
      id: '7',
      name: 'Team 7',
      slug: 'team-7',
      org: 'octo-org',
      path: 'octo-org/team-7',
    });
    expect(jsonBytes(kept)).toBeLessThan(jsonBytes(groups));
  });
});
