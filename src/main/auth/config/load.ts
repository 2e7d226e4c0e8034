/**
 * Reads the providers file and the environment into provider settings. A bad entry is reported with its
 * index, id and field and left out; the others load and the app starts.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { PROVIDER_TYPES, ProviderEntry, ProvidersFile, type ProviderType } from './schema.ts';

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

export const DEFAULT_NAMES: Record<ProviderType, string> = {
  github: 'GitHub',
  google: 'Google',
  azure: 'Microsoft',
  auth0: 'Auth0',
  oidc: 'OpenID Connect',
  oauth2: 'OAuth',
  demo: 'Demo',
};

function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.length ? issue.path.map(String).join('.') : '(entry)';
}

export function parseProviderEntries(
  entries: unknown[],
  label = 'providers',
): { providers: ProviderSettings[]; problems: ConfigProblem[] } {
  const providers: ProviderSettings[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((raw, index) => {
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    const entry = `${label}[${index}]${rawId ? ` (id "${rawId}")` : ''}`;
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !(PROVIDER_TYPES as readonly string[]).includes(type)) {
      problems.push({ entry, field: 'type', message: `must be one of ${PROVIDER_TYPES.join(', ')}` });
      return;
    }
    const parsed = ProviderEntry.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ entry, field: fieldOf(issue), message: issue.message });
      return;
    }
    const id =
      parsed.data.id ??
      (parsed.data.type === 'oidc' || parsed.data.type === 'oauth2' ? undefined : parsed.data.type);
    if (!id) {
      problems.push({ entry, field: 'id', message: `is required for type "${parsed.data.type}"` });
      return;
    }
    if (seen.has(id)) {
      problems.push({ entry, field: 'id', message: `"${id}" is used by an earlier entry` });
      return;
    }
    const insecure = insecureEndpoint(parsed.data);
    if (insecure) {
      problems.push({ entry, field: insecure.field, message: insecure.message });
      return;
    }
    seen.add(id);
    providers.push({
      ...parsed.data,
      id,
      name: parsed.data.name ?? DEFAULT_NAMES[parsed.data.type],
    } as ProviderSettings);
  });
  return { providers, problems };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http only for loopback hosts, and only when the entry opts in (local and test providers). */
function insecureEndpoint(entry: ProviderEntry): { field: string; message: string } | null {
  const fields: Array<[string, string | undefined]> = [];
  if (entry.type === 'oidc') fields.push(['issuer', entry.issuer]);
  if (entry.type === 'oauth2') {
    fields.push(
      ['authorizationEndpoint', entry.authorizationEndpoint],
      ['tokenEndpoint', entry.tokenEndpoint],
      ['userEndpoint', entry.userEndpoint],
      ['groupsEndpoint', entry.groupsEndpoint],
      ['revocationEndpoint', entry.revocationEndpoint],
      ['deviceAuthorizationEndpoint', entry.deviceAuthorizationEndpoint],
    );
  }
  for (const [field, value] of fields) {
    if (!value) continue;
    const url = new URL(value);
    if (url.protocol === 'https:') continue;
    if (!LOOPBACK.has(url.hostname))
      return { field, message: 'must use https (plain http is allowed only for 127.0.0.1/localhost)' };
    if (entry.type !== 'demo' && !entry.allowInsecureHttp) {
      return {
        field,
        message: 'uses plain http; set "allowInsecureHttp": true to allow it for this loopback provider',
      };
    }
  }
  if (entry.type !== 'demo' && entry.redirectUri) {
    const r = new URL(entry.redirectUri);
    if (r.protocol !== 'http:' || !LOOPBACK.has(r.hostname) || !r.port) {
      return {
        field: 'redirectUri',
        message: 'must be a loopback URL with a port, like http://127.0.0.1:8400/callback',
      };
    }
  }
  return null;
}

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
      const parsed = ProvidersFile.safeParse(Array.isArray(json) ? { providers: json } : json);
      if (json !== undefined && !parsed.success) {
        for (const issue of parsed.error.issues)
          result.problems.push({ entry: file, field: fieldOf(issue), message: issue.message });
      } else if (parsed.success) {
        fileEntries = parsed.data.providers;
        if (parsed.data.completePageHtml !== undefined)
          result.completePageHtml = parsed.data.completePageHtml;
        if (parsed.data.errorPageHtml !== undefined) result.errorPageHtml = parsed.data.errorPageHtml;
      }
    }
  }
  const fromFile = parseProviderEntries(fileEntries);
  result.providers.push(...fromFile.providers);
  result.problems.push(...fromFile.problems);

  // Environment variables add a built-in provider unless the file already has one with that id.
  const fromEnv = parseProviderEntries(providersFromEnv(env), 'environment');
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
