import { forecastInputFromScenario } from "../forecast/forecast-input.js";
import type { ForecastModelName, ModelOptions } from "../forecast/model-types.js";
import {
  type DrawBlock,
  type IssueDistribution,
  runDrawBlock,
  summarizeDraws,
} from "../forecast/monte-carlo.js";
import type { Scenario } from "../model/scenario.js";
import { AnalysisCancelledError } from "./service.js";

/** Draws [from, to) of a Monte Carlo run: a shard. */
export interface DrawRange {
  from: number;
  to: number;
}

/** A run of the forecast's Monte Carlo: `runs` draws of `model` with `seed`. */
export interface MonteCarloRun {
  model: ForecastModelName;
  runs: number;
  seed: number;
  /** Passed to the model (e.g. `joint: true` for a KTAB import). */
  modelOptions?: ModelOptions;
}

/**
 * The outcome of one shard, in JSON-safe form (a queue keeps it in the database): for each draw d in
 * [from, to) and issue k, entry [(d − from) × issues + k] holds the forecast's axis value (null where
 * the issue has no axis) and its option index (−1 on numeric issues). Doubles survive JSON exactly
 * (ECMAScript's number-to-string round-trips), so a merged result is bit-for-bit the one-process one.
 */
export interface MonteCarloShard extends DrawRange {
  issues: number;
  values: Array<number | null>;
  options: number[];
}

/** A shard plan or set of shards that does not cover [0, runs) exactly once. */
export class ShardError extends Error {
  readonly code = "monte-carlo/bad-shards" as const;
  constructor(message: string) {
    super(message);
    this.name = "ShardError";
  }
}

/**
 * Splits draws [0, runs) into consecutive shards of at most `shardSize` draws (the last may be
 * shorter). Any split gives the same merged numbers; the size only trades scheduling overhead
 * against how evenly workers finish.
 */
export function planShards(runs: number, shardSize: number): DrawRange[] {
  if (!Number.isInteger(runs) || runs < 0)
    throw new ShardError(`runs: expected a whole number ≥ 0, got ${runs}`);
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new ShardError(`shardSize: expected a whole number ≥ 1, got ${shardSize}`);
  const out: DrawRange[] = [];
  for (let from = 0; from < runs; from += shardSize) out.push({ from, to: Math.min(runs, from + shardSize) });
  return out;
}

/** How often a shard polls its signal and reports progress, in draws. */
const POLL = 25;

/**
 * Runs one shard: draws [from, to) of the run, each from a generator seeded by (seed, draw index)
 * alone (see forecast/random.ts), so the shard's numbers do not depend on which machine runs it or
 * what ran before. Pure; `progress` is told the fraction done, `signal` is polled every 25 draws.
 */
export function runShard(
  scenario: Scenario,
  run: MonteCarloRun,
  range: DrawRange,
  context: { progress?: (fraction: number) => void; signal?: { readonly aborted: boolean } } = {},
): MonteCarloShard {
  const input = forecastInputFromScenario(scenario);
  const k = input.issues.length;
  const values: Array<number | null> = [];
  const options: number[] = [];
  for (let from = range.from; from < range.to; from += POLL) {
    if (context.signal?.aborted) throw new AnalysisCancelledError();
    const to = Math.min(range.to, from + POLL);
    const b = runDrawBlock(input, run.model, run.seed, from, to, undefined, run.modelOptions);
    for (let i = 0; i < (to - from) * k; i++) {
      const v = b.values[i]!;
      values.push(Number.isNaN(v) ? null : v);
      options.push(b.options[i]!);
    }
    context.progress?.((to - range.from) / Math.max(1, range.to - range.from));
  }
  return { from: range.from, to: range.to, issues: k, values, options };
}

/**
 * Merges the shards of a run into the per-issue distributions: the same numbers as one process
 * running every draw (`monteCarlo`), whatever the shards' sizes and order, because the summary
 * depends only on the set of draws. Throws {@link ShardError} unless the shards cover [0, runs)
 * exactly once (a lost or duplicated shard would silently change the numbers).
 */
export function mergeShards(
  scenario: Scenario,
  run: Pick<MonteCarloRun, "runs">,
  shards: readonly MonteCarloShard[],
): IssueDistribution[] {
  const input = forecastInputFromScenario(scenario);
  const k = input.issues.length;
  const sorted = [...shards].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const s of sorted) {
    if (s.from !== next)
      throw new ShardError(
        s.from > next ? `draws [${next}, ${s.from}) are missing` : `draws from ${s.from} are in two shards`,
      );
    if (s.issues !== k || s.values.length !== (s.to - s.from) * k || s.options.length !== s.values.length)
      throw new ShardError(`shard [${s.from}, ${s.to}) does not fit this scenario's ${k} issues`);
    next = s.to;
  }
  if (next !== run.runs) throw new ShardError(`the shards cover draws [0, ${next}), not [0, ${run.runs})`);
  const blocks: DrawBlock[] = sorted.map((s) => ({
    from: s.from,
    to: s.to,
    values: Float64Array.from(s.values, (v) => (v === null ? Number.NaN : v)),
    options: Int32Array.from(s.options),
  }));
  return summarizeDraws(input, blocks);
}
