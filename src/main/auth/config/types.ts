/** The providers configuration once loaded: what the sign-in service is built from. */
import type { ConfigProblemInfo } from '../../../shared/auth-types.ts';
import type { ProviderEntry } from './schema.ts';

/** An entry of any type, with its id and name filled in. */
export type ProviderSettings = ProviderEntry & { id: string; name: string };

/** A bad entry, in the one shape the loader and the renderer share. */
export type ConfigProblem = ConfigProblemInfo;

export interface LoadedConfig {
  providers: ProviderSettings[];
  problems: ConfigProblem[];
  source: string | null;
  completePageHtml?: string;
  errorPageHtml?: string;
}
