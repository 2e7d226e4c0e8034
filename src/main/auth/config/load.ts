/**
 * Reads the providers file and the environment into provider settings. A bad entry is reported with its
 * index, id and field and left out; the others load and the app starts.
 */
import { readFile } from 'node:fs/promises';
import { demo } from '../providers/demo.ts';
import { PROVIDER_TYPE_LIST } from '../providers/registry.ts';
import type { ConfigProblem, LoadedConfig, ProviderSettings } from './types.ts';
import { jsonSyntaxProblem } from './json-position.ts';

const parser = () => import('./parse-entries.ts');
const none = (): { providers: ProviderSettings[]; problems: ConfigProblem[] } => ({
  providers: [],
  problems: [],
});

/** Built-in providers configured only through environment variables, one per type that reads some. */
function providersFromEnv(env: NodeJS.ProcessEnv): unknown[] {
  return PROVIDER_TYPE_LIST.flatMap((type) => type.fromEnv?.(env) ?? []);
}

/** Why the providers file cannot be read, in plain words, with the system's code for the technical reader. */
function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'there is no file at this path',
    ENOTDIR: 'a part of this path is not a folder',
    EISDIR: 'it is a folder, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  const reason = code && why[code];
  return reason
    ? `cannot be read: ${reason} (${code})`
    : `cannot be read (${code ?? (error as Error).message})`;
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
      result.problems.push({ entry: file, field: '(file)', message: cannotRead(error) });
    }
    if (text !== null) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // Line and column only: V8's own message quotes the file, which may hold a client secret.
        result.problems.push({ entry: file, field: '(file)', message: jsonSyntaxProblem(text) });
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
  // With nothing configured (the demo), the schemas (zod) are never built: they stay off the start-up path.
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

  // The demo stands in only when nothing is configured. A providers file that was named but cannot be read
  // (a mistyped path) or has no usable entry is a problem to fix, shown with its path: offering the demo
  // instead would hide it. --demo-idp still adds it.
  const configured = file !== undefined || envEntries.length > 0;
  if (
    ((result.providers.length === 0 && !configured) || options.forceDemo) &&
    !result.providers.some((p) => p.type === demo.type)
  ) {
    result.providers.push({ type: demo.type, id: demo.defaultId ?? demo.type, name: demo.defaultName });
  }
  return result;
}
