import {
  type AgreementSectionOptions,
  type AnalysisOptions,
  type ForecastModelName,
  type MonteCarloRun,
  type MonteCarloShard,
  mergeMonteCarloShards,
  planShards,
  type SweepResult,
  type SweepSpec,
  scenarioFromSource,
} from "@entente/core";
import type { SqlClient } from "@entente/store";
import type { AnalysisRunner } from "../deps.js";
import type { CpuPool } from "./pool.js";
import { JobInputError, type JobKind } from "./queue.js";

/** What the job kinds need: the database (to read scenario versions), the engines and the CPU pool. */
export interface JobKindDeps {
  db: SqlClient;
  analyses: Record<string, AnalysisRunner>;
  pool: CpuPool;
}

/**
 * Shards one Monte Carlo job is split into at most (its shards are made larger to stay within it).
 * A sweep has one part per grid point, at most core's MAX_SWEEP_POINTS (2,500).
 */
export const MAX_SHARDS = 1_000;

/** A stored scenario version, by id: what API jobs name instead of carrying the scenario. */
export interface StoredScenarioRef {
  scenarioId: number;
  version: number;
}

/** Input of an "analysis" job: one engine (with its options) on one stored scenario version. */
export interface AnalysisJobInput extends StoredScenarioRef {
  engine: string;
  options?: AnalysisOptions;
}

/** Input of a "montecarlo" job: a seeded run, split into shards of `shardSize` draws. */
export interface MonteCarloJobInput extends StoredScenarioRef {
  model: ForecastModelName;
  runs: number;
  seed: number;
  /** Draws per shard (each shard is a part any worker may take). @default 250 */
  shardSize?: number;
}

/** Input of a "sweep" job: one analysis over a grid of one or two parameters, one part per point. */
export interface SweepJobInput extends StoredScenarioRef {
  sweep: SweepSpec;
}

/**
 * A stored version's text, as its upload was parsed: the key order of the file is kept, so a job
 * gives the same JSON as `entente analyze` on the file (the stored parsed form may be reordered).
 */
export async function storedScenarioSource(
  db: SqlClient,
  ref: StoredScenarioRef,
): Promise<{ text: string; file: string }> {
  const [row] = await db.query<{ body: string; format: string }>(
    "SELECT body, format FROM scenario_versions WHERE scenario_id = $1 AND version = $2",
    [ref.scenarioId, ref.version],
  );
  if (!row) throw new JobInputError(`version ${ref.version} of scenario ${ref.scenarioId} does not exist`);
  return { text: row.body, file: `upload.${row.format}` };
}

/** The grid points of a sweep, first axis outer (as core's runSweep walks them). */
function sweepPoints(spec: SweepSpec): number[][] {
  const [a, b] = spec.axes;
  if (!a) return [];
  return b ? a.values.flatMap((v) => b.values.map((w) => [v, w])) : a.values.map((v) => [v]);
}

/**
 * The job kinds the platform runs, each on a stored scenario version: "analysis" (an engine, as
 * `POST /api/analyses`), "agreement-search" (an agreement search on a large space), "montecarlo"
 * (split into "monte-carlo-shard" parts, merged by core's mergeMonteCarloShards: the numbers of a
 * one-process run), "sweep" (split into one part per grid point, merged as core's runSweep would
 * give them), and "validate-scenario" (a large scenario file checked off the request thread). The
 * engines are core's job handlers, run on the CPU pool.
 */
export function platformJobKinds(d: JobKindDeps): Record<string, JobKind> {
  const onPool = <T>(kind: string, input: unknown, signal: AbortSignal): Promise<T> =>
    d.pool.run("core.job", { kind: kind as "analysis", input: input as never }, { signal }) as Promise<T>;
  return {
    analysis: {
      async run(raw, ctx) {
        const input = raw as AnalysisJobInput;
        const run = Object.hasOwn(d.analyses, input.engine) ? d.analyses[input.engine] : undefined;
        if (!run) throw new JobInputError(`unknown engine '${input.engine}'`);
        const source = await storedScenarioSource(d.db, input);
        if (run.fromSource) return run.fromSource(source, input.options);
        return run(scenarioFromSource(source), ctx.progress, input.options);
      },
    },
    "agreement-search": {
      async run(raw, ctx) {
        const input = raw as StoredScenarioRef & { options?: AgreementSectionOptions };
        const scenario = await storedScenarioSource(d.db, input);
        return onPool("agreement-search", { scenario, options: input.options }, ctx.signal);
      },
    },
    montecarlo: {
      async split(raw) {
        const input = raw as MonteCarloJobInput;
        const { scenarioId, version, model, runs, seed } = input;
        // At most MAX_SHARDS shards: the numbers do not depend on the shard size (each draw is
        // seeded by its index), and 100,000 shards of 10 draws froze the server for minutes.
        const shardSize = Math.max(input.shardSize ?? 250, Math.ceil(runs / MAX_SHARDS));
        return planShards(runs, shardSize).map((range) => ({
          kind: "monte-carlo-shard",
          input: { scenarioId, version, run: { model, runs, seed }, range },
        }));
      },
      async merge(raw, results) {
        const input = raw as MonteCarloJobInput;
        const run: MonteCarloRun = { model: input.model, runs: input.runs, seed: input.seed };
        const scenario = await storedScenarioSource(d.db, input);
        return mergeMonteCarloShards({ scenario, run, shards: results as MonteCarloShard[] });
      },
    },
    "monte-carlo-shard": {
      async run(raw, ctx) {
        const input = raw as StoredScenarioRef & { run: MonteCarloRun; range: { from: number; to: number } };
        const scenario = await storedScenarioSource(d.db, input);
        return onPool("monte-carlo-shard", { scenario, run: input.run, range: input.range }, ctx.signal);
      },
    },
    sweep: {
      async split(raw) {
        const input = raw as SweepJobInput;
        const { scenarioId, version, sweep } = input;
        if (sweep.axes.length < 1 || sweep.axes.length > 2)
          throw new JobInputError(`a sweep has one or two axes, not ${sweep.axes.length}`);
        return sweepPoints(sweep).map((at) => ({
          kind: "sweep-point",
          input: {
            scenarioId,
            version,
            sweep: {
              axes: sweep.axes.map((a, i) => ({ parameter: a.parameter, values: [at[i]!] })),
              ...(sweep.options ? { options: sweep.options } : {}),
            },
          },
        }));
      },
      async merge(raw, results) {
        // Each part is a one-point sweep; together they are the sweep core's runSweep gives at once.
        const input = raw as SweepJobInput;
        const parts = results as SweepResult[];
        const first = parts[0];
        if (!first) throw new JobInputError("a sweep needs at least one point");
        const axes = first.axes.map((a, i) => ({
          parameter: a.parameter,
          values: [...input.sweep.axes[i]!.values],
        }));
        const metrics: string[] = [];
        const seen = new Set<string>();
        for (const p of parts)
          for (const m of p.metrics)
            if (!seen.has(m)) {
              seen.add(m);
              metrics.push(m);
            }
        return {
          ...first,
          provenance: { ...first.provenance, axes },
          axes,
          metrics,
          points: parts.flatMap((p) => p.points),
        } satisfies SweepResult;
      },
    },
    "sweep-point": {
      async run(raw, ctx) {
        const input = raw as SweepJobInput;
        const scenario = await storedScenarioSource(d.db, input);
        return onPool("sweep", { scenario, sweep: input.sweep }, ctx.signal);
      },
    },
    "validate-scenario": {
      async run(raw, ctx) {
        return onPool("validate-scenario", raw, ctx.signal);
      },
    },
  };
}
