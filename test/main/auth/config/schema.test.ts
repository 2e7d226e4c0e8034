import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../../../../src/main/auth/config/load.ts';
import { schemaText } from '../../../../scripts/providers-schema.ts';

describe('providers.schema.json', () => {
  it('is the schema the code uses (regenerate with node scripts/providers-schema.ts)', async () => {
    expect(await readFile('providers.schema.json', 'utf8')).toBe(schemaText());
  });

  it('the documented example file loads without problems', async () => {
    const config = await loadProviderConfig({ file: 'examples/providers.example.json', env: {} });
    expect(config.problems).toEqual([]);
    expect(config.providers).toHaveLength(9);
  });
});
