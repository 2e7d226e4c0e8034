/** Writes providers.schema.json from the zod schema: `node scripts/providers-schema.ts`. A test keeps it current. */
import { writeFile } from 'node:fs/promises';
import { providersJsonSchema } from '../src/main/auth/config/schema.ts';

export function schemaText(): string {
  return `${JSON.stringify(providersJsonSchema(), null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL('../providers.schema.json', import.meta.url), schemaText());
  console.log('written providers.schema.json');
}
