/** The schema half of the providers configuration: checks entries and files with zod. */
import type { z } from 'zod';
import { isLoopbackHost } from '../../../shared/loopback.ts';
import { isProviderType, PROVIDER_TYPE_LIST, PROVIDER_TYPES, providerTypeOf } from '../providers/registry.ts';
import type { CommonSettings } from './fields.ts';
import { ProviderEntry, ProvidersFile } from './schema.ts';
import type { ConfigProblem, ProviderSettings } from './types.ts';
import { closestName, unknownName } from './did-you-mean.ts';

/** `scopes[1]`, `issuer`; `(entry)` for the entry itself. */
function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(entry)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`))
    .join('');
}

const KINDS: Record<string, string> = {
  string: 'a string (text in double quotes)',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([…])',
  object: 'an object ({…})',
};

const ITEMS: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
};

const count = (n: number | bigint, origin: string) => {
  const [one, many] = ITEMS[origin] ?? ['', ''];
  return `${n} ${Number(n) === 1 ? one : many}`;
};

/**
 * The providers file's problems in our words, for every rule zod checks (a field's own message, such as the
 * id pattern's, is kept: zod asks the schema first). Unknown fields are reported separately (by name, with a
 * suggestion), so they never reach this.
 */
const inOurWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive ? `must be at least ${min}` : `must be more than ${min}`;
      if (issue.origin === 'string' && Number(min) === 1) return 'must not be empty';
      return `must have at least ${count(min, issue.origin)}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
      return `must have at most ${count(max, issue.origin)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a URL' : 'is not in the expected format';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return 'is not valid';
  }
};

/** One problem per issue; an unknown field by its own name, with "did you mean …?" from the known names. */
function problemsOf(
  issues: readonly z.core.$ZodIssue[],
  entry: string,
  known: readonly string[],
  what = 'field',
): ConfigProblem[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          entry,
          field: fieldOf([...issue.path, key]),
          message: unknownName(key, known, what),
        }))
      : [{ entry, field: fieldOf(issue.path), message: issue.message }],
  );
}

/** The field names an entry of this type may have. */
function fieldsOf(type: string): string[] {
  const definition = PROVIDER_TYPE_LIST.find((t) => t.type === type);
  return definition ? Object.keys(definition.schema().shape) : [];
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
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ entry, field: '(entry)', message: `must be ${KINDS.object} with a "type"` });
      return;
    }
    if (!isProviderType(type)) {
      const one = `one of ${PROVIDER_TYPES.join(', ')}`;
      const close = typeof type === 'string' ? closestName(type, PROVIDER_TYPES) : null;
      const message =
        type === undefined
          ? `is required (${one})`
          : `must be ${one}${close ? `; did you mean "${close}"?` : ''}`;
      problems.push({ entry, field: 'type', message });
      return;
    }
    const parsed = ProviderEntry.safeParse(raw, { error: inOurWords });
    if (!parsed.success) {
      problems.push(...problemsOf(parsed.error.issues, entry, fieldsOf(type)));
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
  // The token goes to these origins on every auth.request: the same http rule as the endpoints.
  for (const [i, origin] of (s.apiOrigins ?? []).entries()) {
    const url = new URL(origin);
    if (url.protocol === 'https:') continue;
    if (!isLoopbackHost(url.hostname))
      return {
        field: `apiOrigins[${i}]`,
        message: 'must use https (plain http is allowed only for 127.0.0.1, localhost and [::1])',
      };
    if (!s.allowInsecureHttp)
      return {
        field: `apiOrigins[${i}]`,
        message: 'uses plain http; set "allowInsecureHttp": true to allow it for this loopback API',
      };
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
  const known = Object.keys(ProvidersFile.shape);
  if (!Array.isArray(json) && (typeof json !== 'object' || json === null)) {
    return {
      entries: [],
      problems: [{ entry: file, field: '(file)', message: `must be ${KINDS.object} or a list of entries` }],
    };
  }
  const whole: Record<string, unknown> = Array.isArray(json) ? { providers: json } : { ...json };
  // An unknown top-level key (a typo such as "completePageHTML") is reported; the rest of the file still loads.
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(whole)) {
    if (known.includes(key)) continue;
    problems.push({ entry: file, field: key, message: unknownName(key, known) });
    delete whole[key];
  }
  const parsed = ProvidersFile.safeParse(whole, { error: inOurWords });
  if (!parsed.success)
    return { entries: [], problems: [...problems, ...problemsOf(parsed.error.issues, file, known)] };
  return {
    entries: parsed.data.providers,
    problems,
    ...(parsed.data.completePageHtml !== undefined ? { completePageHtml: parsed.data.completePageHtml } : {}),
    ...(parsed.data.errorPageHtml !== undefined ? { errorPageHtml: parsed.data.errorPageHtml } : {}),
  };
}
