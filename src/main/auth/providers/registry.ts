/**
 * Every provider type Latchkey knows. A new type is one module (see definition.ts) and one line here; the
 * providers file's schema, PROVIDER_TYPES, parsing, environment variables, bindings and runtimes follow.
 * The order is the order of the environment-defined providers and of the types in providers.schema.json.
 */
import { auth0 } from './auth0.ts';
import { azure } from './azure.ts';
import type { BindingParts, ProviderType, RuntimeDeps } from './definition.ts';
import { demo } from './demo.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { google } from './google.ts';
import { oauth2 } from './oauth2.ts';
import { oidc } from './oidc.ts';
import type { TypeRuntime } from './runtime.ts';

export const PROVIDER_TYPE_LIST = [github, gitlab, google, azure, auth0, oidc, oauth2, demo] as const;

type List = typeof PROVIDER_TYPE_LIST;
// Mapped over a type parameter, these keep the list's tuple shape (and so each member's own types).
type Names<L> = { readonly [K in keyof L]: L[K] extends { type: infer T } ? T : never };
type Schemas<L> = { -readonly [K in keyof L]: L[K] extends { schema: () => infer S } ? S : never };

export const PROVIDER_TYPES = PROVIDER_TYPE_LIST.map((t) => t.type) as unknown as Names<List>;

/** Each type's entry schema, in order, for the providers file's discriminated union. */
export const entrySchemas = () => PROVIDER_TYPE_LIST.map((t) => t.schema()) as unknown as Schemas<List>;

/** A provider type as code that holds an entry of any type calls it: with that entry. */
export interface ProviderTypeFor<E> {
  type: string;
  defaultName: string;
  defaultId: string | null;
  flowDefaults?: { fetchGroups?: boolean };
  endpoints?(entry: E): Record<string, string | undefined>;
  binding(settings: E): BindingParts;
  createRuntime(settings: E, deps: RuntimeDeps): TypeRuntime<E>;
}

const byType = new Map<string, ProviderType>(
  PROVIDER_TYPE_LIST.map((t) => [t.type, t as unknown as ProviderType]),
);

export function isProviderType(type: unknown): type is List[number]['type'] {
  return typeof type === 'string' && byType.has(type);
}

/**
 * The definition of an entry's type. The entry was checked by that type's own schema (its `type` chose the
 * schema), which is why its members may be called with it although TypeScript cannot follow that.
 */
export function providerTypeOf<E extends { type: string }>(entry: E): ProviderTypeFor<E> {
  const definition = byType.get(entry.type);
  if (!definition) throw new Error(`unknown provider type "${entry.type}"`);
  return definition as unknown as ProviderTypeFor<E>;
}
