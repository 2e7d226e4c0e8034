/** The providers configuration once loaded: what the sign-in service is built from. */
import type { ProviderEntry } from './schema.ts';

/** An entry of any type, with its id and name filled in. */
export type ProviderSettings = ProviderEntry & { id: string; name: string };

export interface ConfigProblem {
  /** e.g. `providers[2] (id "corp")` or `GITHUB_CLIENT_ID`. */
  entry: string;
  field: string;
  message: string;
}

export interface LoadedConfig {
  providers: ProviderSettings[];
  problems: ConfigProblem[];
  source: string | null;
  completePageHtml?: string;
  errorPageHtml?: string;
}
