/** Small timing helpers for `npm run bench`. Results are ratios against a baseline measured in the same run. */

export interface BenchRow {
  /** Which issue/area the row belongs to, e.g. "web host". */
  group: string;
  name: string;
  value: number;
  unit: 'µs' | 'ms' | 'x' | 'KB' | 'MB' | 'ops/s';
  baseline?: { name: string; value: number };
  /** value / baseline.value (or a ratio that the row itself defines). */
  ratio?: number;
  /** Human-readable target, e.g. "≤ 1.2× baseline". */
  target?: string;
  /** Whether the target is met, when there is one. */
  met?: boolean;
}

export interface Timing {
  medianUs: number;
  p95Us: number;
  meanUs: number;
  samples: number;
}

function summarise(samplesNs: number[]): Timing {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length / 1000;
  return { medianUs: at(0.5), p95Us: at(0.95), meanUs: mean, samples: sorted.length };
}

/** Times `fn` one call at a time after a warm-up. */
export async function timeEach(
  fn: () => unknown,
  iterations: number,
  warmup = Math.ceil(iterations / 10),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start));
  }
  return summarise(samples);
}

/** Times one batch of `count` calls and reports per-call cost (for calls too fast to time one by one). */
export async function timeBatch(fn: (i: number) => unknown, count: number, rounds = 7): Promise<Timing> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / count);
  }
  return summarise(samples);
}

export function row(
  r: Omit<BenchRow, 'ratio' | 'met'> & { maxRatio?: number; minRatio?: number; maxValue?: number },
): BenchRow {
  const { maxRatio, minRatio, maxValue, ...rest } = r;
  const out: BenchRow = { ...rest };
  if (r.baseline) out.ratio = r.value / r.baseline.value;
  if (maxRatio !== undefined && out.ratio !== undefined) out.met = out.ratio <= maxRatio;
  if (minRatio !== undefined && out.ratio !== undefined) out.met = out.ratio >= minRatio;
  if (maxValue !== undefined) out.met = (out.met ?? true) && r.value <= maxValue;
  return out;
}
