/**
 * The benchmark vocabulary. Each `bench/*.bench.ts` file exports `benchmarks: Benchmark[]`.
 * A benchmark measures a candidate and its baseline in the same run, so the printed ratio is
 * meaningful on a noisy machine even when absolute times drift.
 */
export interface BenchRow {
  /** What was measured, e.g. "Shapley–Shubik, EU Council 27 (2024 population)". */
  name: string;
  /** Wall time of the candidate in milliseconds (median of the repeats). */
  ms: number;
  /** Name of the baseline, e.g. "enumeration oracle"; absent when none exists. */
  baseline?: string;
  /** Wall time of the baseline in milliseconds, measured in the same run. */
  baselineMs?: number;
  /** The target this figure must meet, stated in words, e.g. "≥100× and < 50 ms". */
  target?: string;
  /** Whether the target held in this run. */
  ok?: boolean;
  /** Anything else worth printing (throughput, p99 latency, counts). */
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Median wall time in ms of `repeats` calls to `fn` (after one warm-up call). */
export async function timeMedian(fn: () => unknown, repeats = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Wall time in ms of one call to `fn`. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
