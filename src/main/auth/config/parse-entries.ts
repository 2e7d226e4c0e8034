/** The schema half of the providers configuration: checks entries and files with zod. */
import type { z } from 'zod';
import { isLoopbackHost } from '../../../shared/loopback.ts';
import { isProviderType, PROVIDER_TYPES, providerTypeOf } from '../providers/registry.ts';
import type { CommonSettings } from './fields.ts';
import { ProviderEntry, ProvidersFile } from './schema.ts';
import type { ConfigProblem, ProviderSettings } from './types.ts';

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
    if (!isProviderType(type)) {
      problems.push({ entry, field: 'type', message: `must be one of ${PROVIDER_TYPES.join(', ')}` });
      return;
    }
    const parsed = ProviderEntry.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ entry, field: fieldOf(issue), message: issue.message });
      return;
    }
    const definition = providerTypeOf(parsed.data);
    const id = parsed.data.id ?? definition.defaultId;
    if (!id) {
      problems.push({ entry, field: 'id', message: `is required for type "${parsed.data.type}"` });
      return;
    }
    if (seen.has(id)) {
      problems.push({ entry, field: 'id', message: `"${id}" is used by an earlier entry` });
      return;
    }
    const insecure = insecureEndpoint(parsed.data, definition.endpoints?.(parsed.data) ?? {});
    if (insecure) {
      problems.push({ entry, field: insecure.field, message: insecure.message });
      return;
    }
    seen.add(id);
    providers.push({ ...parsed.data, id, name: parsed.data.name ?? definition.defaultName });
  });
  return { providers, problems };
}

/** Plain http only for loopback hosts, and only when the entry opts in (local and test providers). */
function insecureEndpoint(
  entry: ProviderEntry,
  endpoints: Record<string, string | undefined>,
): { field: string; message: string } | null {
  const s: Omit<CommonSettings, 'id' | 'name'> = entry;
  for (const [field, value] of Object.entries(endpoints)) {
    if (!value) continue;
    const url = new URL(value);
    if (url.protocol === 'https:') continue;
    if (!isLoopbackHost(url.hostname))
      return {
        field,
        message: 'must use https (plain http is allowed only for 127.0.0.1, localhost and [::1])',
      };
    if (!s.allowInsecureHttp) {
      return {
        field,
        message: 'uses plain http; set "allowInsecureHttp": true to allow it for this loopback provider',
      };
    }
  }
  if (s.redirectUri) {
    const r = new URL(s.redirectUri);
    if (r.protocol !== 'http:' || !isLoopbackHost(r.hostname) || !r.port) {
      return {
        field: 'redirectUri',
        message: 'must be a loopback URL with a port, like http://127.0.0.1:8400/callback',
      };
    }
  }
  return null;
}

/** A whole providers file: its entries (checked one by one later) and any file-level problems. */
export function parseProvidersFile(
  json: unknown,
  file: string,
): { entries: unknown[]; problems: ConfigProblem[]; completePageHtml?: string; errorPageHtml?: string } {
  const parsed = ProvidersFile.safeParse(Array.isArray(json) ? { providers: json } : json);
  if (!parsed.success) {
    return {
      entries: [],
      problems: parsed.error.issues.map((issue) => ({
        entry: file,
        field: fieldOf(issue),
        message: issue.message,
      })),
    };
  }
  return {
    entries: parsed.data.providers,
    problems: [],
    ...(parsed.data.completePageHtml !== undefined ? { completePageHtml: parsed.data.completePageHtml } : {}),
    ...(parsed.data.errorPageHtml !== undefined ? { errorPageHtml: parsed.data.errorPageHtml } : {}),
  };
}
