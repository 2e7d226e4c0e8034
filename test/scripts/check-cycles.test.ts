import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCycles } from '../../scripts/check-cycles.ts';
import { tempDir } from '../helpers/temp-dir.ts';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const names = (dir: string, cycles: string[][]) =>
  cycles.map((c) => c.map((f) => path.relative(dir, f)).sort());

describe('check-cycles', () => {
  it('finds a circle through type imports, re-exports and import(), and names its files', async () => {
    const dir = await tree({
      'a.ts': "import type { B } from './b.ts';\nexport type A = B;",
      'b.ts': "export * from './c/index.ts';\nexport type B = string;",
      'c/index.ts': "export const load = () => import('../a.ts');",
      'd.ts': "import { load } from './c/index.ts';\nexport const d = load;",
      'self.ts': "export { x } from './self.ts';",
    });
    expect(names(dir, checkCycles([dir]))).toEqual([['a.ts', 'b.ts', 'c/index.ts'], ['self.ts']]);
  });

  it('passes a tree without circles, with packages and missing files ignored', async () => {
    const dir = await tree({
      'a.ts':
        "import { z } from 'zod';\nimport { b } from './b';\nimport './missing.ts';\nexport const a = [z, b];",
      'b.ts': 'export const b = 1;',
    });
    expect(checkCycles([dir])).toEqual([]);
  });
});
