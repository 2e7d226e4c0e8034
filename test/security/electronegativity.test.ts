/**
 * The static security scan (@doyensec/electronegativity) over src/. It always exits 0, so its report is
 * parsed here: any finding above "informational" must be explained in security/electronegativity-allowlist.json.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CSP_META_TAG } from '../../src/shared/csp.ts';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}
interface Allowed {
  check: string;
  file: string;
  reason: string;
}

/** The report is CSV with quoted fields that may contain commas, quotes and line breaks (a code sample). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      if (row.some((c) => c.trim())) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((c) => c.trim())) rows.push(row);
  return rows.slice(1); // the header
}

describe('electronegativity', () => {
  it('finds nothing above informational that the allowlist does not explain', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'latchkey-eg-'));
    const out = path.join(work, 'report.csv');
    // The page's CSP is written into index.html by the renderer build (vite.renderer.config.ts): scan a copy
    // of src/ with it in place, as the build writes it, so the scanner judges the policy the app ships.
    const scanned = path.join(work, 'tree');
    await cp(path.join(root, 'src'), path.join(scanned, 'src'), { recursive: true });
    const page = path.join(scanned, 'src/renderer/index.html');
    await writeFile(
      page,
      (await readFile(page, 'utf8')).replace(/<!-- latchkey:head-meta[^>]*-->/, CSP_META_TAG),
    );
    const bin = path.join(
      path.dirname(require.resolve('@doyensec/electronegativity/package.json')),
      'dist',
      'index.js',
    );
    const electron = (
      JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')) as { version: string }
    ).version;
    // The scanner writes its CSV header and its rows with two fs.writeFile calls it does not sequence
    // (dist/util/file.js: a truncating write, then an append), so on a busy machine the header can land after
    // the rows and wipe them. A report is used only when it is whole: the header first, then complete rows.
    const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
    let rows: string[][];
    for (let attempt = 1; ; attempt++) {
      await promisify(execFile)(
        process.execPath,
        [bin, '-i', path.join(scanned, 'src'), '-o', out, '-e', electron],
        { cwd: root, timeout: 240_000 },
      );
      const report = await readFile(out, 'utf8');
      rows = parseCsv(report);
      const whole = report.startsWith(HEADER) && rows.length > 0 && rows.every((c) => c.length === 8);
      if (whole) break;
      if (attempt === 3)
        throw new Error(`electronegativity wrote an incomplete report three times:\n${report}`);
    }
    const findings: Finding[] = rows.map((c) => ({
      check: c[0]!,
      severity: c[1]!,
      file: path.relative(scanned, c[3]!),
      location: c[4]!,
    }));
    const allow = JSON.parse(
      await readFile(path.join(root, 'security/electronegativity-allowlist.json'), 'utf8'),
    ) as Allowed[];
    for (const a of allow) expect(a.reason.length, `reason for ${a.check} in ${a.file}`).toBeGreaterThan(30);

    const serious = findings.filter((f) => f.severity !== 'INFORMATIONAL');
    const unexplained = serious.filter((f) => !allow.some((a) => a.check === f.check && a.file === f.file));
    expect(unexplained).toEqual([]);
    // No stale entries: each allowance still matches a finding, so the list cannot quietly grow.
    const unused = allow.filter((a) => !serious.some((f) => f.check === a.check && f.file === a.file));
    expect(unused).toEqual([]);
  }, 300_000);
});
