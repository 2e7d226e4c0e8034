/**
 * The providers file: its schema (zod; `providers.schema.json` at the repository root is generated from it),
 * joined from each provider type's own entry schema in the registry. See the README's "Sign-in configuration".
 */
import { z } from 'zod';
import { entrySchemas } from '../providers/registry.ts';

export const ProviderEntry = z.discriminatedUnion('type', entrySchemas());
export type ProviderEntry = z.infer<typeof ProviderEntry>;

export const ProvidersFile = z.strictObject({
  $schema: z.string().optional(),
  providers: z.array(z.unknown()).describe('The sign-in providers, each an object with a "type".'),
  completePageHtml: z
    .string()
    .optional()
    .describe('HTML shown in the browser after a successful sign-in. {{provider}} is replaced.'),
  errorPageHtml: z
    .string()
    .optional()
    .describe('HTML shown in the browser after a failed sign-in. {{provider}} and {{error}} are replaced.'),
});

/** The JSON Schema of the file, for editors and the README. */
export function providersJsonSchema(): unknown {
  return z.toJSONSchema(ProvidersFile.extend({ providers: z.array(ProviderEntry) }), {
    target: 'draft-2020-12',
    io: 'input',
  });
}
