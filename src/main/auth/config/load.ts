/**
 * Reads the providers file and the environment into provider settings. A bad entry is reported with its
 * index, id and field and left out; the others load and the app starts.
 */
import { readFile } from 'node:fs/promises';
import type { ProviderEntry } from './schema.ts';

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

const parser = () => import('./parse-entries.ts');
const none = (): { providers: ProviderSettings[]; problems: ConfigProblem[] } => ({
  providers: [],
  problems: [],
});

/** Built-in providers configured only through environment variables. */
export function providersFromEnv(env: NodeJS.ProcessEnv): unknown[] {
  const out: unknown[] = [];
  if (env.GITHUB_CLIENT_ID) {
    out.push({
      type: 'github',
      clientId: env.GITHUB_CLIENT_ID,
      clientSecret: env.GITHUB_CLIENT_SECRET || undefined,
      host: env.GITHUB_HOST || undefined,
    });
  }
  if (env.GOOGLE_CLIENT_ID)
    out.push({
      type: 'google',
      clientId: env.GOOGLE_CLIENT_ID,
      clientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
    });
  if (env.AZURE_CLIENT_ID)
    out.push({ type: 'azure', clientId: env.AZURE_CLIENT_ID, tenant: env.AZURE_TENANT || undefined });
  if (env.AUTH0_CLIENT_ID || env.AUTH0_DOMAIN) {
    out.push({
      type: 'auth0',
      clientId: env.AUTH0_CLIENT_ID,
      domain: env.AUTH0_DOMAIN,
      clientSecret: env.AUTH0_CLIENT_SECRET || undefined,
      audience: env.AUTH0_AUDIENCE || undefined,
    });
  }
  return out;
}

export interface LoadOptions {
  /** Path of the providers file (--providers or LATCHKEY_PROVIDERS). */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** --demo-idp: offer the demo provider even when others are configured. */
  forceDemo?: boolean;
}

export async function loadProviderConfig(options: LoadOptions): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const file = options.file ?? (env.LATCHKEY_PROVIDERS || undefined);
  const result: LoadedConfig = { providers: [], problems: [], source: file ?? null };
  let fileEntries: unknown[] = [];
  if (file) {
    let text: string | null = null;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      result.problems.push({
        entry: file,
        field: '(file)',
        message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      });
    }
    if (text !== null) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        result.problems.push({
          entry: file,
          field: '(file)',
          message: `is not valid JSON: ${(error as Error).message}`,
        });
      }
      if (json !== undefined) {
        const parsed = (await parser()).parseProvidersFile(json, file);
        result.problems.push(...parsed.problems);
        fileEntries = parsed.entries;
        if (parsed.completePageHtml !== undefined) result.completePageHtml = parsed.completePageHtml;
        if (parsed.errorPageHtml !== undefined) result.errorPageHtml = parsed.errorPageHtml;
      }
    }
  }
  const envEntries = providersFromEnv(env);
  // With nothing configured (the demo), the schemas (zod) are never loaded: they stay off the start-up path.
  const { parseProviderEntries } =
    fileEntries.length > 0 || envEntries.length > 0 ? await parser() : { parseProviderEntries: none };
  const fromFile = parseProviderEntries(fileEntries);
  result.providers.push(...fromFile.providers);
  result.problems.push(...fromFile.problems);

  // Environment variables add a built-in provider unless the file already has one with that id.
  const fromEnv = parseProviderEntries(envEntries, 'environment');
  for (const p of fromEnv.providers)
    if (!result.providers.some((q) => q.id === p.id)) result.providers.push(p);
  for (const problem of fromEnv.problems) {
    result.problems.push({
      ...problem,
      entry: problem.entry.replace(/^environment\[\d+\]/, 'environment variables'),
    });
  }

  if (
    (result.providers.length === 0 || options.forceDemo) &&
    !result.providers.some((p) => p.type === 'demo')
  ) {
    result.providers.push({ type: 'demo', id: 'demo', name: 'Demo' });
  }
  return result;
}
