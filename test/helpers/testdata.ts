import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test data from outside the repo (Fernet spec vectors, Flet's format vectors), copied into the checkout. */
export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

export function readFixture<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, relative), 'utf8')) as T;
}
