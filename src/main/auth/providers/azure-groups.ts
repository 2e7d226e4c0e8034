/**
 * Where a Microsoft Entra ID user's groups come from, per Microsoft's documentation ("Configure group
 * claims", "ID token claims reference", "Paging Microsoft Graph data"):
 *
 * - `"groupsSource": "claim"` (the default): the ID token's `groups` claim, which the app registration adds
 *   (Token configuration → Add groups claim) with no administrator's consent. A user in more groups than a
 *   token holds (200 in a JWT) gets the overage claim instead, `_claim_names: { groups: "src1" }` with
 *   `_claim_sources.src1.endpoint` (or `hasgroups: true` in the implicit flow): the groups are then read from
 *   Microsoft Graph `/me/memberOf` with the token the app already has (its `User.Read`).
 * - `"groupsSource": "graph"`: always Graph `/me/memberOf`, asking for `GroupMember.Read.All`, which most
 *   tenants let only an administrator grant.
 *
 * Graph pages its answers (`@odata.nextLink`); at most MAX_GRAPH_PAGES pages are read, and a next link is
 * followed only on Graph's own origin (the token goes nowhere else). A 403 from Graph is said in plain
 * words: the tenant's administrator must consent.
 */
import type { UserGroup } from '../../../shared/auth-types.ts';
import { HostError } from '../../../shared/errors.ts';
import { GroupsNotInToken, groupsFromClaims, ownFields } from '../profile-claims.ts';
import { str, type FetchImpl } from './http.ts';

export type GroupsSource = 'claim' | 'graph';

/** Graph gives 100 directory objects a page by default: 10 pages is 1000 groups. */
export const MAX_GRAPH_PAGES = 10;

/** The permission Graph needs to name a user's groups, which only an administrator can grant in most tenants. */
export const GRAPH_GROUPS_PERMISSION = 'GroupMember.Read.All';

/** Said as "Microsoft did not share the groups (…)" on the signed-in account (establish.ts). */
export const ADMIN_CONSENT_NEEDED =
  `the tenant's administrator must first consent to the app's ${GRAPH_GROUPS_PERMISSION} permission ` +
  `so that Microsoft Graph lists them; Graph answered 403`;

export type ClaimGroups =
  | { kind: 'groups'; groups: UserGroup[] }
  /** Too many groups for the token: they are to be read from Graph. */
  | { kind: 'overage' }
  /** No groups claim at all: none configured in the app registration, or the user is in no group. */
  | { kind: 'none' };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What an ID token says of the groups. Pure. */
export function groupsInIdToken(claims: Record<string, unknown>): ClaimGroups {
  const names = claims._claim_names;
  if ((isRecord(names) && typeof names.groups === 'string') || claims.hasgroups === true)
    return { kind: 'overage' };
  if (Array.isArray(claims.groups)) return { kind: 'groups', groups: groupsFromClaims(claims.groups) };
  return { kind: 'none' };
}

/** A Graph directory object (group, directory role, administrative unit) as a group: its fields kept. */
export function graphGroup(value: unknown): UserGroup | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (!id) return null;
  return { ...ownFields(value), id, name: str(value.displayName) ?? id };
}

/** Every page of `/me/memberOf` (at most MAX_GRAPH_PAGES), following `@odata.nextLink` on Graph's origin. */
export async function graphMemberOf(
  graph: string,
  accessToken: string,
  fetchImpl: FetchImpl,
  maxPages = MAX_GRAPH_PAGES,
): Promise<UserGroup[]> {
  const origin = new URL(graph).origin;
  const groups: UserGroup[] = [];
  let next: string | null = `${graph}/me/memberOf?$select=id,displayName`;
  for (let page = 0; next && page < maxPages; page++) {
    const body = await graphGet(next, accessToken, fetchImpl);
    if (!isRecord(body) || !Array.isArray(body.value)) break;
    for (const item of body.value) {
      const group = graphGroup(item);
      if (group) groups.push(group);
    }
    const link = str(body['@odata.nextLink']);
    next = link && new URL(link, next).origin === origin ? new URL(link, next).href : null;
  }
  return groups;
}

/** One Graph page; a 403 is the missing consent, said so; other failures name the status, never the token. */
async function graphGet(url: string, accessToken: string, fetchImpl: FetchImpl): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
  } catch (error) {
    throw new HostError('unavailable', `could not reach Microsoft Graph: ${(error as Error).message}`);
  }
  if (response.status === 403) throw new HostError('forbidden', ADMIN_CONSENT_NEEDED);
  if (!response.ok)
    throw new HostError(
      response.status === 401 ? 'forbidden' : 'unavailable',
      `Microsoft Graph answered ${response.status} for ${new URL(url).pathname}`,
    );
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new HostError('unavailable', 'Microsoft Graph answered with something that is not JSON');
  }
}

export interface AzureGroupsOptions {
  source: GroupsSource;
  graph: string;
  fetchImpl: FetchImpl;
  /** The checked ID-token claims that came with an access token (azure-id-token.ts). */
  idTokenClaims(accessToken: string): Record<string, unknown> | undefined;
}

export async function azureGroups(accessToken: string, options: AzureGroupsOptions): Promise<UserGroup[]> {
  if (options.source === 'graph') return graphMemberOf(options.graph, accessToken, options.fetchImpl);
  const claims = options.idTokenClaims(accessToken);
  if (!claims)
    // An imported token, or a remembered sign-in restored before its first refresh (it keeps its groups).
    throw new GroupsNotInToken(
      'Microsoft sends the groups claim with an ID token, and none came with this access token yet',
    );
  const found = groupsInIdToken(claims);
  if (found.kind === 'groups') return found.groups;
  if (found.kind === 'overage') return graphMemberOf(options.graph, accessToken, options.fetchImpl);
  throw new HostError(
    'not_found',
    'the ID token has no groups claim: add one in the app registration (Token configuration → Add groups claim), or the account is in no group',
  );
}
