/**
 * The app identity check: the repository's copies agree; README "Build your app on Latchkey" (rename it:
 * three files) gives an app with another name, id, scheme and feed that passes; changing only one copy fails,
 * naming the copy.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkIdentity, identityProblems } from '../../scripts/check-identity.ts';
import { APP_IDENTITY } from '../../src/shared/app-identity.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const FILES = ['src/shared/app-identity.ts', 'electron-builder.yml', 'package.json'];

/** The three files of the repository, in a fresh folder. */
function copy(): string {
  const root = tempDir('identity');
  for (const f of FILES) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    cpSync(f, path.join(root, f));
  }
  return root;
}

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${String(from)}`);
  writeFileSync(full, next);
}

/** README "Build your app on Latchkey", step 1, as the README says it (all copies). */
function rename(root: string): void {
  for (const f of ['src/shared/app-identity.ts', 'electron-builder.yml']) {
    edit(root, f, /dev\.latchkey\.app/g, 'com.acme.notes');
    edit(root, f, /https:\/\/example\.invalid\/latchkey\/updates\//g, 'https://updates.acme.example/notes/');
  }
  edit(root, 'src/shared/app-identity.ts', "productName: 'Latchkey'", "productName: 'Acme Notes'");
  edit(root, 'src/shared/app-identity.ts', "scheme: 'latchkey'", "scheme: 'acme-notes'");
  edit(root, 'electron-builder.yml', /^productName: Latchkey$/m, 'productName: Acme Notes');
  edit(root, 'electron-builder.yml', /^ {2}title: Latchkey$/m, '  title: Acme Notes');
  edit(root, 'electron-builder.yml', 'schemes: [latchkey]', 'schemes: [acme-notes]');
  edit(root, 'electron-builder.yml', /- name: Latchkey$/m, '- name: Acme Notes');
  edit(root, 'package.json', '"productName": "Latchkey"', '"productName": "Acme Notes"');
}

const cli = (root: string) =>
  run(process.execPath, [path.resolve('scripts/check-identity.ts'), root]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
  );

describe('check:identity', () => {
  it("the repository's identity and its copies agree", async () => {
    expect(await checkIdentity(process.cwd())).toEqual([]);
  });

  it('a renamed app (README "Build your app on Latchkey") passes, from the command line too', async () => {
    const root = copy();
    rename(root);
    expect(await checkIdentity(root)).toEqual([]);
    const { APP_IDENTITY } = (await import(path.join(root, 'src/shared/app-identity.ts'))) as {
      APP_IDENTITY: { productName: string; appId: string; scheme: string };
    };
    expect(APP_IDENTITY).toMatchObject({
      productName: 'Acme Notes',
      appId: 'com.acme.notes',
      scheme: 'acme-notes',
    });
    expect(await cli(root)).toMatchObject({ code: 0 });
  });

  it('takes the app id as a second scheme (sign-in redirects), and nothing else', () => {
    const builder = (schemes: string[]) => ({
      appId: APP_IDENTITY.appId,
      productName: APP_IDENTITY.productName,
      protocols: [{ name: 'x', schemes }],
      publish: [APP_IDENTITY.updateFeed],
    });
    const pkg = { productName: APP_IDENTITY.productName };
    expect(identityProblems(APP_IDENTITY, builder([APP_IDENTITY.scheme, APP_IDENTITY.appId]), pkg)).toEqual(
      [],
    );
    expect(identityProblems(APP_IDENTITY, builder([APP_IDENTITY.scheme, 'other']), pkg)).toHaveLength(1);
    expect(identityProblems(APP_IDENTITY, builder([APP_IDENTITY.appId]), pkg)).toHaveLength(1);
  });

  it.each([
    [
      'the app id in electron-builder.yml',
      'electron-builder.yml',
      'appId: dev.latchkey.app',
      'appId: com.other.app',
      /appId/,
    ],
    [
      'the product name in electron-builder.yml',
      'electron-builder.yml',
      /^productName: Latchkey$/m,
      'productName: Other',
      /electron-builder.yml productName/,
    ],
    [
      'the product name in package.json',
      'package.json',
      '"productName": "Latchkey"',
      '"productName": "Other"',
      /package.json productName/,
    ],
    [
      'the scheme in electron-builder.yml',
      'electron-builder.yml',
      'schemes: [latchkey]',
      'schemes: [other]',
      /protocols/,
    ],
    [
      'the scheme in the identity module',
      'src/shared/app-identity.ts',
      "scheme: 'latchkey'",
      "scheme: 'other'",
      /protocols/,
    ],
    [
      'the update feed in electron-builder.yml',
      'electron-builder.yml',
      'url: https://example.invalid/latchkey/updates/',
      'url: https://elsewhere.example/',
      /publish url/,
    ],
  ])('changing only %s fails, naming it', async (_name, file, from, to, named) => {
    const root = copy();
    edit(root, file, from, to);
    const problems = await checkIdentity(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(named);
    const { code, out } = await cli(root);
    expect(code).toBe(1);
    expect(out).toMatch(named);
  });
});
