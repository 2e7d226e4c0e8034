/** A providers file that is not JSON is reported by line and column only, never by quoting it. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jsonErrorOffset,
  jsonSyntaxProblem,
  lineAndColumn,
} from '../../../../src/main/auth/config/json-position.ts';
import { loadProviderConfig } from '../../../../src/main/auth/config/load.ts';

const SECRET = 'Zx9-client-secret-Qw7';

describe('jsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ',
    '"just a string"',
    '\ufeff{"bom": 1}',
    '0',
  ])('finds nothing wrong in %j', (text) => {
    expect(jsonErrorOffset(text)).toBeNull();
  });

  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1 2]', 3],
    ['{"a": tru}', 9],
    ['{"a": "b}', 9],
    ['{"a": 01}', 7],
    ['', 0],
    ['{} x', 3],
    ['{"a": "\t"}', 7],
  ])('finds where %j stops being JSON', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('agrees with JSON.parse on whether a text is JSON, for every cut of a real file', () => {
    const text = JSON.stringify(
      { providers: [{ type: 'oidc', id: 'corp', scopes: ['a', 'b'], n: -1.5 }] },
      null,
      2,
    );
    for (let cut = 0; cut <= text.length; cut++) {
      const part = text.slice(0, cut);
      let valid = true;
      try {
        JSON.parse(part);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(part) === null, `cut at ${cut}`).toBe(valid);
    }
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('a providers file with a syntax error next to the client secret', () => {
  // The secret without its quotes: V8's message then quotes the text around it.
  const text = `{\n  "providers": [\n    { "type": "oidc", "clientSecret": ${SECRET} }\n  ]\n}\n`;

  it('is reported by line and column, without any of the secret (V8 quotes it)', async () => {
    // The old message was V8's, which quotes the text around the error: the secret's tail.
    expect(() => JSON.parse(text)).toThrow(/Zx9-client/);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'latchkey-providers-')), 'p.json');
    await writeFile(file, text);
    const config = await loadProviderConfig({ file, env: {} });
    expect(config.problems).toEqual([
      {
        entry: file,
        field: '(file)',
        message: 'is not valid JSON: the text stops being JSON at line 3, column 39',
      },
    ]);
    const message = config.problems[0]!.message;
    for (let i = 0; i + 3 <= SECRET.length; i++) expect(message).not.toContain(SECRET.slice(i, i + 3));
  });

  it('says when the file ends too early', () => {
    expect(jsonSyntaxProblem('{"providers": [')).toBe('is not valid JSON: it ends too early');
  });
});
