import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh, real directory for a test's data. */
export function tempDir(label = 'data'): string {
  return mkdtempSync(path.join(os.tmpdir(), `latchkey-${label}-`));
}
