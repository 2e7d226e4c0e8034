/**
 * The provider's profile kept whole beside the normalised fields (Flet's `User` and `Group` are the
 * provider's JSON): bounded, so a provider that puts megabytes in a profile cannot bloat the vault or the
 * state every window receives. Pure.
 */
import type { ClaimsCut, UserGroup } from '../../shared/auth-types.ts';
import { HostError } from '../../shared/errors.ts';

/** Largest `user.claims`, in bytes of its JSON text. */
export const MAX_CLAIMS_BYTES = 64 * 1024;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own fields without `__proto__`, so a JSON key of that name never becomes a prototype. */
export const ownFields = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__proto__'));

/**
 * The claims to keep: all of them when their JSON fits the limit, else the top-level fields that fit, in the
 * order received, with a note of what was left out. A value that is not an object keeps nothing.
 */
export function capClaims(
  raw: unknown,
  limit = MAX_CLAIMS_BYTES,
): { claims: Record<string, unknown>; claimsCut?: ClaimsCut } {
  if (!isRecord(raw)) return { claims: {} };
  // Own enumerable fields only, and never `__proto__`: the object is rebuilt from them.
  const entries = Object.entries(raw).filter(([key, value]) => key !== '__proto__' && value !== undefined);
  const whole = JSON.stringify(Object.fromEntries(entries));
  const size = utf8(whole);
  if (size <= limit) return { claims: Object.fromEntries(entries) };
  const kept: Record<string, unknown> = {};
  const omitted: string[] = [];
  let used = 2; // "{}"
  for (const [key, value] of entries) {
    const cost = utf8(JSON.stringify(key)) + 1 + utf8(JSON.stringify(value)) + (used > 2 ? 1 : 0);
    if (used + cost <= limit) {
      kept[key] = value;
      used += cost;
    } else omitted.push(key);
  }
  return { claims: kept, claimsCut: { limit, size, omitted } };
}

/** A group from a claim's value: a string is both id and name; an object keeps its fields. */
export function groupFromClaim(value: unknown): UserGroup | null {
  if (typeof value === 'string') return value ? { id: value, name: value } : null;
  if (typeof value === 'number') return { id: String(value), name: String(value) };
  if (!isRecord(value)) return null;
  const text = (v: unknown) =>
    typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
  const name = text(value.name) ?? text(value.displayName) ?? text(value.id);
  const id = text(value.id) ?? name;
  if (!id || !name) return null;
  return { ...ownFields(value), id, name };
}

/** Groups from a list of claim values (strings or objects); what cannot be a group is left out. */
export function groupsFromClaims(values: readonly unknown[]): UserGroup[] {
  return values.map(groupFromClaim).filter((g): g is UserGroup => g !== null);
}

/** Largest list of groups kept with their fields, in bytes of JSON text. */
export const MAX_GROUPS_BYTES = 256 * 1024;

/** The fields a group keeps when the list is too large to keep whole: what names and places it. */
const CORE_GROUP_FIELDS = ['id', 'name', 'slug', 'org', 'path', 'displayName', '@odata.type'];

/**
 * Groups within the limit: whole when their JSON fits; else each keeps its core fields (id, name and
 * GitHub's slug/org/path or Graph's displayName/@odata.type) and drops the rest. Never drops a group: a
 * shorter list would answer "not a member" wrongly.
 */
export function capGroups(groups: UserGroup[], limit = MAX_GROUPS_BYTES): UserGroup[] {
  if (utf8(JSON.stringify(groups)) <= limit) return groups;
  return groups.map((g) => {
    const core: UserGroup = { id: g.id, name: g.name };
    for (const key of CORE_GROUP_FIELDS) if (typeof g[key] === 'string') core[key] = g[key];
    return core;
  });
}

/** The names, for quick checks. */
export function groupNames(groups: readonly UserGroup[] | null): string[] | null {
  return groups === null ? null : groups.map((g) => g.name);
}

/**
 * Groups as a remembered session holds them: objects now, plain strings in vault entries written before
 * groups had fields (kept readable: each string becomes both id and name). null for anything else.
 */
export function rememberedGroups(value: unknown): UserGroup[] | null | undefined {
  if (value === null) return null;
  if (!Array.isArray(value)) return undefined;
  const groups: UserGroup[] = [];
  for (const item of value) {
    if (typeof item === 'string') groups.push({ id: item, name: item });
    else if (isRecord(item) && typeof item.id === 'string' && typeof item.name === 'string')
      groups.push(item as UserGroup);
    else return undefined;
  }
  return groups;
}

/**
 * The groups cannot be read with this token, though the token itself is fine: Microsoft's groups claim comes
 * in an ID token, and none came with an imported token (or a restored one before its first refresh). A new
 * sign-in goes on without groups and says why (establish.ts); a restored one keeps the groups it has
 * (`unavailable` is what a revalidation waits out).
 */
export class GroupsNotInToken extends HostError<'unavailable'> {
  constructor(message: string) {
    super('unavailable', message);
  }
}
