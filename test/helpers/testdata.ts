import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test data that comes from outside the repo: the Fernet spec vectors and Flet's passphrase-format vectors. */
export const TESTDATA = path.resolve(
  fileURLToPath(new URL('../../..', import.meta.url)),
  'shared',
  'testdata',
);

export function readTestdata<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(TESTDATA, relative), 'utf8')) as T;
}
