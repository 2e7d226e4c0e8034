/**
 * The built preload: its size against the 10 KB budget, and the time to load it (compile and run in a fresh
 * context, as a sandboxed preload is) beside a script that only defines the method names it exposes.
 * Needs a build (`npm run build`): a missing out/ is an error, not a silent zero.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { METHOD_NAMES } from '../src/shared/contract-names.ts';
import { row, timeEach, type BenchRow } from './lib.ts';

const file = path.join(fileURLToPath(new URL('..', import.meta.url)), 'out/preload/index.cjs');

// What a sandboxed preload may require: only 'electron', here a stand-in that records nothing.
const electronStandIn = {
  contextBridge: { exposeInMainWorld() {} },
  ipcRenderer: { invoke: async () => undefined, on() {}, removeListener() {} },
};

function load(source: string): void {
  const script = new vm.Script(source, { filename: 'preload.cjs' });
  script.runInNewContext({ require: () => electronStandIn, module: { exports: {} }, exports: {} });
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(file))
    throw new Error('bench preload: out/preload/index.cjs is missing; run `npm run build` first');
  const source = readFileSync(file, 'utf8');
  const baseline = `var names = ${JSON.stringify(METHOD_NAMES)}; var api = {}; for (var n of names) api[n] = function () {};`;
  const preload = await timeEach(() => load(source), 200);
  const bare = await timeEach(() => load(baseline), 200);
  const kb = statSync(file).size / 1024;
  return [
    row({
      group: 'preload',
      name: 'built preload size',
      value: kb,
      unit: 'KB',
      target: '≤ 10 KB',
      maxValue: 10,
    }),
    row({
      group: 'preload',
      name: 'load the built preload (compile + run, fresh context)',
      value: preload.medianUs / 1000,
      unit: 'ms',
      baseline: { name: 'the method names alone', value: bare.medianUs / 1000 },
      target: 'beside baseline (was 80–125 ms with zod)',
    }),
  ];
}
