import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../../../../src/main/auth/config/load.ts';
import { PROVIDER_TYPES } from '../../../../src/main/auth/providers/registry.ts';
import { schemaText } from '../../../../scripts/providers-schema.ts';

const EXAMPLE = 'examples/providers.example.json';

describe('providers.schema.json', () => {
  it('is the schema the code uses (regenerate with node scripts/providers-schema.ts)', async () => {
    expect(await readFile('providers.schema.json', 'utf8')).toBe(schemaText());
  });

  it('the documented example file loads every one of its entries without problems', async () => {
    const { providers: entries } = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      providers: Array<{ type: string; id?: string }>;
    };
    const config = await loadProviderConfig({ file: EXAMPLE, env: {} });
    expect(config.problems).toEqual([]);
    expect(config.providers.map((p) => [p.type, p.id])).toEqual(entries.map((e) => [e.type, e.id ?? e.type]));
  });

  it('the example has an entry of every type (the README says so)', async () => {
    const { providers: entries } = JSON.parse(await readFile(EXAMPLE, 'utf8')) as {
      providers: Array<{ type: string }>;
    };
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(PROVIDER_TYPES));
  });
});
