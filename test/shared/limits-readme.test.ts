/** The README's "Limits" table is written by hand: every number in it must be the one in src/shared/limits.ts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/limits.ts';

type LimitName = keyof typeof LIMITS;

/** Which row states each limit (the `what` column); a Record, so a new limit without a row does not compile. */
const ROW_OF: Record<LimitName, string> = {
  maxKeyLength: 'key',
  maxValueBytes: 'value size',
  maxValueDepth: 'value size',
  maxBatchEntries: '`clientStorage.setMany`',
  maxCryptoTextBytes: 'encrypt / decrypt input',
  maxConcurrentDerivations: 'key derivations (PBKDF2) at once',
  maxRequestBytes: 'web request body',
  maxProviderResponseBytes: 'an answer from a provider',
  maxApiResponseBytes: '`auth.request` response body',
  maxClientStorageBytes: 'client storage in all',
};
/** Rows that state no number. */
const WORDS_ONLY = new Set(['value']);

const UNITS: Record<string, number> = { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** The `what` → `limit` cells of the table under "### Limits". */
function limitsTable(readme: string): Map<string, string> {
  const section = readme.split(/^### Limits\s*$/m)[1]?.split(/^#{1,3} /m)[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .slice(2); // header and separator
  return new Map(rows.map(([what = '', limit = '']) => [what, limit]));
}

/** Every number in a cell, in base units ("1 MiB" is 1048576, "10,000" is 10000; not the 8 of "UTF-8"). */
function numbersIn(cell: string): number[] {
  return [...cell.matchAll(/(?<![\w.-])(\d[\d,]*(?:\.\d+)?)\s*(KiB|MiB|GiB)?\b/g)].map(
    ([, n = '', unit]) => Number(n.replaceAll(',', '')) * (unit ? UNITS[unit]! : 1),
  );
}

/** What is wrong with the table, in words; empty when it states exactly LIMITS. */
function drift(readme: string): string[] {
  const table = limitsTable(readme);
  const problems: string[] = [];
  if (table.size === 0) return ['no "### Limits" table in the README'];
  const expected = new Map<string, number[]>();
  for (const [name, row] of Object.entries(ROW_OF) as Array<[LimitName, string]>)
    expected.set(row, [...(expected.get(row) ?? []), LIMITS[name]]);
  for (const [row, values] of expected) {
    const cell = table.get(row);
    if (cell === undefined) {
      problems.push(`no row "${row}"`);
      continue;
    }
    const stated = numbersIn(cell).sort((a, b) => a - b);
    const want = [...values].sort((a, b) => a - b);
    if (JSON.stringify(stated) !== JSON.stringify(want))
      problems.push(`row "${row}" says ${JSON.stringify(stated)}, limits.ts says ${JSON.stringify(want)}`);
  }
  for (const [row, cell] of table) {
    if (expected.has(row)) continue;
    if (!WORDS_ONLY.has(row)) problems.push(`row "${row}" is not tied to limits.ts`);
    else if (numbersIn(cell).length > 0)
      problems.push(`row "${row}" states a number limits.ts does not have`);
  }
  return problems;
}

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README "Limits" table', () => {
  it('states every limit in src/shared/limits.ts, with its number', () => {
    expect(drift(README)).toEqual([]);
  });

  it.each([
    [
      'a changed size',
      (t: string) => t.replace('at most 1 MiB of UTF-8 JSON', 'at most 2 MiB of UTF-8 JSON'),
    ],
    ['a changed count', (t: string) => t.replace('at most 10,000 entries', 'at most 1,000 entries')],
    ['a missing row', (t: string) => t.replace(/^\| web request body .*\n/m, '')],
    ['a row nobody checks', (t: string) => t.replace('| key |', '| key (new) |')],
  ])('notices %s', (_what, doctor) => {
    const doctored = doctor(README);
    expect(doctored).not.toBe(README);
    expect(drift(doctored)).not.toEqual([]);
  });
});
