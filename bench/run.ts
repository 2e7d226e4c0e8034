/**
 * `npm run bench`: runs every bench/*.bench.ts, prints a table and writes bench/results.json and .md (the
 * committed full results) and the README summary. `npm run bench -- GROUP…` runs only those groups and writes
 * bench/results.partial.json and .md instead, so a partial run never replaces the full results.
 * Targets are ratios against baselines measured in the same run.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const fmt = (v: number) =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2);

export function renderTable(rows: BenchRow[]): string {
  const lines = [
    '| area | measurement | result | baseline (same run) | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.group} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '—'} | ${r.ratio === undefined ? '—' : `${fmt(r.ratio)}×`} | ${r.target ?? '—'} | ${r.met === undefined ? '—' : r.met ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const all = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
  const unknown = only.filter((o) => !all.some((f) => f.includes(o)));
  if (unknown.length > 0) {
    const groups = all.map((f) => f.replace('.bench.ts', '')).join(', ');
    console.error(`bench: unknown group ${unknown.map((u) => `'${u}'`).join(', ')}; groups: ${groups}`);
    process.exitCode = 2;
    return;
  }
  const files = all.filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  const rows: BenchRow[] = [];
  for (const file of files) {
    process.stderr.write(`bench: ${file}…\n`);
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as {
      run: () => Promise<BenchRow[]>;
    };
    rows.push(...(await mod.run()));
  }
  const table = renderTable(rows);
  console.log(table);
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    platform: `${process.platform} ${os.release()}`,
  };
  const base = only.length === 0 ? 'results' : 'results.partial';
  await writeFile(path.join(here, `${base}.json`), JSON.stringify({ meta, rows }, null, 2) + '\n');
  await writeFile(
    path.join(here, `${base}.md`),
    `Measured ${meta.date} on ${meta.cpus}× ${meta.cpu}, Node ${meta.node}.\n\n${table}\n`,
  );
  if (only.length === 0) {
    // A full run also refreshes the summary in the README, so it always shows a run that really happened.
    const readme = path.join(here, '..', 'README.md');
    const text = await readFile(readme, 'utf8');
    const start = text.indexOf('<!-- bench:start -->');
    const end = text.indexOf('<!-- bench:end -->');
    if (start >= 0 && end > start) {
      const summary = `<!-- bench:start -->\nLast full run: ${meta.date.slice(0, 10)}, ${meta.cpus}× ${meta.cpu}, Node ${meta.node}.\n\n${table}\n`;
      await writeFile(readme, text.slice(0, start) + summary + text.slice(end));
    }
  }
  console.log(
    `\nwritten: bench/${base}.json, bench/${base}.md${only.length === 0 ? ', README.md (summary)' : ''}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
