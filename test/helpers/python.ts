import { spawnSync } from 'node:child_process';

/** Debian's Python with python3-cryptography: an independent Fernet implementation for cross-checks. */
export const PYTHON = process.env.LATCHKEY_PYTHON ?? '/usr/bin/python3';

export function hasPythonCryptography(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import cryptography.fernet'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Printed where the cross-check cannot run, so a skipped cross-check is seen, not silent. */
export const PYTHON_SKIP_LINE = `SKIPPED: the Python cross-check needs ${PYTHON} with the cryptography package (Debian: apt-get install python3-cryptography)`;

/** CI sets LATCHKEY_REQUIRE_PYTHON=1 so a missing Python fails instead of quietly not cross-checking. */
export const pythonRequired = process.env.LATCHKEY_REQUIRE_PYTHON === '1';

/** Runs a Python script that reads JSON from stdin and prints JSON. */
export function runPython<T>(script: string, input: unknown): T {
  const r = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
