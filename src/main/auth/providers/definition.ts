/**
 * A provider type is one module exporting one of these: everything Latchkey knows about the type. The
 * registry lists them; the providers file's schema, the environment variables, the http rule, identity
 * bindings and runtimes all come from that list, so nothing else asks which type an entry is.
 */
import type { z } from 'zod';
import type { FetchImpl } from './http.ts';
import type { TypeRuntime } from './runtime.ts';

/** The zod schema of one type's entries: a strict object whose `type` is the type's literal name. */
export type EntrySchema = z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>;

/** An entry once parsed: its fields, with the id and name filled in. */
export type Settings<S extends EntrySchema> = z.infer<S> & { id: string; name: string };

export interface RuntimeDeps {
  /** Issuer of the embedded demo identity provider (started on demand). */
  demoIssuer: () => Promise<string>;
  demoClientId: string;
  fetchImpl?: FetchImpl;
}

/** Besides type and client id, what identifies a provider's tokens (see bindingOf in flow-options.ts). */
export interface BindingParts {
  /** The server: host, tenant, domain or issuer. */
  where?: string | null;
  /** Custom endpoints, for types configured by them. */
  authorization?: string | null;
  token?: string | null;
}

export interface ProviderType<S extends EntrySchema = EntrySchema> {
  /** The name entries give as `type`: the literal of the schema's `type` field. */
  type: z.infer<S>['type'];
  /**
   * The entry's fields: the shared ones (config/fields.ts) and the type's own. Built when first asked for,
   * so that nothing builds schemas at start-up when no entry needs checking.
   */
  schema: () => S;
  defaultName: string;
  /** The id of an entry that names none, or null when every entry of this type must name one. */
  defaultId: string | null;
  /** The entry that environment variables make (e.g. GITHUB_CLIENT_ID), or null when none are set. */
  fromEnv?(env: NodeJS.ProcessEnv): Record<string, unknown> | null;
  /**
   * Fields that are endpoint URLs: each must be https, or http on a loopback host with
   * `"allowInsecureHttp": true` (a host field is handled by hostOrigin in shared/loopback.ts instead).
   */
  endpoints?(entry: z.infer<S>): Record<string, string | undefined>;
  binding(settings: Settings<S>): BindingParts;
  /** Defaults of the flow options that differ from the usual ones (flow-options.ts). */
  flowDefaults?: { fetchGroups?: boolean };
  createRuntime(settings: Settings<S>, deps: RuntimeDeps): TypeRuntime<Settings<S>>;
}

/** A provider type whose schema is built once, on first use. */
export function defineProviderType<S extends EntrySchema>(definition: ProviderType<S>): ProviderType<S> {
  let built: S | undefined;
  return { ...definition, schema: () => (built ??= definition.schema()) };
}
