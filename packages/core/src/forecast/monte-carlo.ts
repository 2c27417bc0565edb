import type { IssueValue } from "../model/issue.js";
import { axisInfo, axisOf, nearestOf } from "./axis-cache.js";
import { ensembleForecast, forecastModels } from "./ensemble.js";
import type { ForecastInput, IssueSpec, Stake } from "./forecast-input.js";
import type { ForecastModelName, ModelOptions } from "./model-types.js";
import { drawRng, type Rng } from "./random.js";

/**
 * How far a draw may stray, per unit of doubt (1 − confidence): a position's standard deviation is
 * this share of the issue's span; a salience's is this much on its 0..1 scale; a capability is
 * multiplied by exp(N(0, σ)) with σ = CAPABILITY_LOG_SD × (1 − confidence).
 */
export const POSITION_SD = 0.25;
export const SALIENCE_SD = 0.25;
export const CAPABILITY_LOG_SD = 0.5;

/**
 * One draw of a stake: ideal, salience and capability redrawn within their stated confidence. With
 * `full`, the position's own ideal and salience follow (what `drawInput` promises); the models read
 * only the stake's (a position keeps its shape, red lines and status quo), so the Monte Carlo's own
 * draws skip that copy. Object literals with one key order give every stake one shape.
 */
function redraw(spec: IssueSpec, s: Stake, capability: number, rng: Rng, full: boolean): Stake {
  const doubt = 1 - s.position.confidence;
  if (doubt <= 0) return full ? { ...s, capability } : stake(s, capability, s.ideal, s.salience);
  const issue = spec.issue;
  let ideal: IssueValue = s.ideal;
  if (issue.kind === "categorical") {
    // With probability (1 − confidence) the actor's true ideal is any option, uniformly.
    if (rng.next() < doubt) ideal = issue.options[Math.floor(rng.next() * issue.options.length)]!.id;
  } else {
    const { lo, hi } = axisInfo(issue);
    const x = axisOf(issue, s.ideal) + rng.normal() * POSITION_SD * doubt * (hi - lo);
    const clamped = Math.min(hi, Math.max(lo, x));
    ideal = issue.kind === "ordinal" ? nearestOf(issue, clamped) : clamped;
  }
  const salience = Math.min(1, Math.max(0.01, s.salience + rng.normal() * SALIENCE_SD * doubt));
  if (full) return { ...s, ideal, salience, capability, position: { ...s.position, ideal, salience } };
  return stake(s, capability, ideal, salience);
}

function stake(s: Stake, capability: number, ideal: IssueValue, salience: number): Stake {
  return {
    actor: s.actor,
    capability,
    capabilityConfidence: s.capabilityConfidence,
    salience,
    ideal,
    position: s.position,
  };
}

/** Each stake's actor as an index into the input's actors in order of first appearance (cached). */
const actorIndex = new WeakMap<ForecastInput, { actors: number; of: Int32Array[] }>();

function actorsOf(input: ForecastInput): { actors: number; of: Int32Array[] } {
  let out = actorIndex.get(input);
  if (out === undefined) {
    const index = new Map<string, number>();
    const of = input.issues.map((spec) =>
      Int32Array.from(spec.stakes, (s) => {
        let i = index.get(s.actor);
        if (i === undefined) {
          i = index.size;
          index.set(s.actor, i);
        }
        return i;
      }),
    );
    out = { actors: index.size, of };
    actorIndex.set(input, out);
  }
  return out;
}

/**
 * The input of draw `draw`: every actor's capability is drawn once (it is one number across issues),
 * then every stake's ideal and salience. Pure: depends on (input, seed, draw) only.
 */
export function drawInput(input: ForecastInput, seed: number, draw: number): ForecastInput {
  return redrawInput(input, seed, draw, true);
}

function redrawInput(input: ForecastInput, seed: number, draw: number, full: boolean): ForecastInput {
  const rng = drawRng(seed, draw);
  const { actors, of } = actorsOf(input);
  // Capabilities in order of first appearance, the order the generator is drawn in.
  const caps = new Float64Array(actors);
  let drawn = 0;
  input.issues.forEach((spec, k) => {
    const idx = of[k]!;
    spec.stakes.forEach((s, m) => {
      if (idx[m]! < drawn) return;
      drawn++;
      const doubt = 1 - s.capabilityConfidence;
      caps[idx[m]!] =
        doubt > 0 ? s.capability * Math.exp(rng.normal() * CAPABILITY_LOG_SD * doubt) : s.capability;
    });
  });
  return {
    batna: input.batna,
    issues: input.issues.map((spec, k) => {
      const idx = of[k]!;
      // Built by push, so every stakes array has one shape (a packed array of objects).
      const stakes: Stake[] = [];
      for (let m = 0; m < spec.stakes.length; m++)
        stakes.push(redraw(spec, spec.stakes[m]!, caps[idx[m]!]!, rng, full));
      return { ...spec, stakes };
    }),
  };
}

/** The outcomes of a block of draws, laid out draw-major: entry [d * issues + k]. */
export interface DrawBlock {
  from: number;
  to: number;
  /** Axis value per draw and issue (NaN for categorical issues). */
  values: Float64Array;
  /** Option index per draw and issue (−1 for numeric issues). */
  options: Int32Array;
}

/** Runs draws [from, to) of a Monte Carlo; `shouldStop` is polled between draws to allow cancelling. */
export function runDrawBlock(
  input: ForecastInput,
  model: ForecastModelName,
  seed: number,
  from: number,
  to: number,
  shouldStop: () => boolean = () => false,
  modelOptions: ModelOptions = {},
): DrawBlock {
  const k = input.issues.length;
  const values = new Float64Array((to - from) * k);
  const options = new Int32Array((to - from) * k);
  const m = forecastModels[model];
  const opts = { ...modelOptions, trajectory: false };
  for (let d = from; d < to; d++) {
    if (shouldStop()) return { from, to: d, values: values.subarray(0, (d - from) * k), options };
    const drawn = redrawInput(input, seed, d, false);
    const forecasts = model === "ensemble" ? ensembleForecast(drawn, opts, false) : m.forecast(drawn, opts);
    forecasts.forEach((f, i) => {
      const at = (d - from) * k + i;
      const issue = input.issues[i]!.issue;
      values[at] = f.value ?? Number.NaN;
      options[at] = issue.kind === "numeric" ? -1 : (axisInfo(issue).index.get(String(f.outcome)) ?? -1);
    });
  }
  return { from, to, values, options };
}

/** Per-issue summary of a Monte Carlo. */
export interface IssueDistribution {
  issue: string;
  draws: number;
  /** Median and 90% interval (5th and 95th percentiles) of the axis value; null on categorical issues. */
  median: number | null;
  p05: number | null;
  p95: number | null;
  /** Share of draws landing on each option (ordinal and categorical issues). */
  optionProbabilities?: Record<string, number>;
}

/** Linear-interpolated quantile of sorted values (type 7 of Hyndman & Fan 1996, R's default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Summarises blocks (in any order: the result depends only on the set of draws). */
export function summarizeDraws(input: ForecastInput, blocks: readonly DrawBlock[]): IssueDistribution[] {
  const k = input.issues.length;
  return input.issues.map((spec, i) => {
    const vals: number[] = [];
    const counts = new Map<number, number>();
    let draws = 0;
    for (const b of blocks) {
      for (let d = 0; d < b.to - b.from; d++) {
        draws++;
        const v = b.values[d * k + i]!;
        if (!Number.isNaN(v)) vals.push(v);
        const o = b.options[d * k + i]!;
        if (o >= 0) counts.set(o, (counts.get(o) ?? 0) + 1);
      }
    }
    const sorted = Float64Array.from(vals).sort();
    const axis = spec.issue.kind !== "categorical" && sorted.length > 0;
    const out: IssueDistribution = {
      issue: spec.issue.id,
      draws,
      median: axis ? quantile(sorted, 0.5) : null,
      p05: axis ? quantile(sorted, 0.05) : null,
      p95: axis ? quantile(sorted, 0.95) : null,
    };
    if (spec.issue.kind !== "numeric") {
      out.optionProbabilities = Object.fromEntries(
        spec.issue.options.map((o, idx) => [o.id, draws > 0 ? (counts.get(idx) ?? 0) / draws : 0]),
      );
    }
    return out;
  });
}

/** A whole Monte Carlo in this thread (the CLI splits the same work across worker threads). */
export function monteCarlo(
  input: ForecastInput,
  model: ForecastModelName,
  runs: number,
  seed: number,
  modelOptions: ModelOptions = {},
): IssueDistribution[] {
  return summarizeDraws(input, [runDrawBlock(input, model, seed, 0, runs, undefined, modelOptions)]);
}
