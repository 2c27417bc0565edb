import { weightedMean, weightedMedian } from "./baseline.js";
import { pluralityForecast, pointForecast, unheldForecast } from "./baseline-models.js";
import { type ForecastInput, fromUnit, type IssueSpec, type Stake, toUnit } from "./forecast-input.js";
import type { ForecastModel, IssueModelForecast, ModelOptions } from "./model-types.js";
import { runSmp, runSmpFinal } from "./smp.js";
import type { SmpInput, SmpOptions } from "./smp-types.js";

/** How a set of issues becomes one KTAB SMP run, and back. */
export interface SmpMapping {
  input: SmpInput;
  /** The axis issues, in dimension order. */
  issues: IssueSpec[];
  /** salienceOn[a][k]: actor a's salience on dimension k before rescaling (0 where it holds no position). */
  salienceOn: number[][];
}

/**
 * Builds the SMP input: every ordinal or numeric issue is a dimension on 0..100, every actor with a
 * position on at least one of them is an SMP actor. KTAB reads saliences as shares of one actor's
 * attention (summing to at most 1), so an actor's saliences are divided by their sum when it exceeds
 * 1. Where an actor holds no position, its salience there is 0 and its position is the compromise
 * point of those who do, so it pulls nobody on that issue.
 */
export function smpMapping(input: ForecastInput): SmpMapping {
  const issues = input.issues.filter(
    (s) => s.issue.kind !== "categorical" && s.stakes.some((x) => x.capability * x.salience > 0),
  );
  const actorIds: string[] = [];
  const capability = new Map<string, number>();
  for (const spec of issues) {
    for (const s of spec.stakes) {
      if (!capability.has(s.actor) && s.capability > 0) {
        capability.set(s.actor, s.capability);
        actorIds.push(s.actor);
      }
    }
  }
  const filler = issues.map((spec) =>
    weightedMean(
      spec.stakes.map((s) => toUnit(spec.issue, s.ideal)),
      spec.stakes.map((s) => s.capability * s.salience),
    ),
  );
  const salienceOn = actorIds.map((id) =>
    issues.map((spec) => spec.stakes.find((s) => s.actor === id)?.salience ?? 0),
  );
  const actors = actorIds
    .map((id, a) => {
      const total = salienceOn[a]!.reduce((x, y) => x + y, 0);
      const scale = total > 1 ? 1 / total : 1;
      return {
        id,
        capability: capability.get(id)!,
        position: issues.map((spec, k) => {
          const s = spec.stakes.find((x) => x.actor === id);
          return s ? toUnit(spec.issue, s.ideal) : filler[k]!;
        }),
        salience: salienceOn[a]!.map((x) => Math.min(1, x * scale)),
        total,
      };
    })
    .filter((a) => a.total > 0)
    .map(({ total: _total, ...a }) => a);
  return {
    input: { dimensions: issues.map((s) => s.issue.id), actors },
    issues,
    salienceOn: actors.map((a) => salienceOn[actorIds.indexOf(a.id)]!),
  };
}

/** Options of the SMP forecast model. */
export interface SmpModelOptions extends ModelOptions, SmpOptions {}

/** One one-dimensional KTAB run on one axis issue, among the actors holding a position on it. */
function smpIssue(spec: IssueSpec, options: SmpModelOptions): IssueModelForecast {
  const stakes = spec.stakes.filter((s) => s.capability > 0 && s.salience > 0);
  if (stakes.length === 0) return unheldForecast(spec, "smp");
  if (stakes.length === 1) {
    return { ...pointForecast(spec, "smp", toUnit(spec.issue, stakes[0]!.ideal)), note: "a single actor" };
  }
  const trajectory = options.trajectory ?? true;
  if (!(options.history ?? trajectory) && options.onTurn === undefined) {
    const fast = smpIssueFinal(spec, stakes, options);
    if (fast !== null) return fast;
  }
  const run = runSmp(
    {
      dimensions: [spec.issue.id],
      actors: stakes.map((s) => ({
        id: s.actor,
        capability: s.capability,
        position: [toUnit(spec.issue, s.ideal)],
        salience: [s.salience],
      })),
    },
    { ...options, history: options.history ?? options.trajectory ?? true },
  );
  const last = run.positions[run.positions.length - 1]!;
  const f = pointForecast(
    spec,
    "smp",
    weightedMedian(
      last.map((p) => p[0]!),
      stakes.map((s) => s.capability * s.salience),
    ),
  );
  f.rounds = run.turns;
  f.converged = run.converged;
  if (options.trajectory ?? true) {
    f.trajectory = {
      actors: stakes.map((s) => s.actor),
      rounds: run.positions.map((state) => state.map((p) => fromUnit(spec.issue, p[0]!))),
    };
  }
  return f;
}

/** Scratch for the flat inputs of one-dimensional runs, grown as needed. */
let flat = {
  cap: new Float64Array(16),
  sal: new Float64Array(16),
  pos: new Float64Array(16),
  w: new Float64Array(16),
};

/**
 * smpIssue without a trajectory (the Monte Carlo): the same run through `runSmpFinal` on flat arrays,
 * and the same weighted median of the final positions (× 100, as `runSmp` reports them). Null when
 * the input would fail `validateSmpInput`, so that `runSmp` reports it as before.
 */
function smpIssueFinal(
  spec: IssueSpec,
  stakes: Stake[],
  options: SmpModelOptions,
): IssueModelForecast | null {
  const n = stakes.length;
  if (flat.cap.length < n) {
    const m = n * 2;
    flat = {
      cap: new Float64Array(m),
      sal: new Float64Array(m),
      pos: new Float64Array(m),
      w: new Float64Array(m),
    };
  }
  const { cap, sal, pos, w } = flat;
  for (let i = 0; i < n; i++) {
    const s = stakes[i]!;
    const p = toUnit(spec.issue, s.ideal);
    // validateSmpInput's conditions for one dimension (s.capability > 0 and s.salience > 0 hold).
    if (!Number.isFinite(s.capability) || !(p >= 0 && p <= 100) || !(s.salience <= 1)) return null;
    cap[i] = s.capability;
    sal[i] = s.salience;
    pos[i] = p / 100;
  }
  const run = runSmpFinal(n, 1, cap, sal, pos, options);
  const final = run.final;
  for (let i = 0; i < n; i++) {
    pos[i] = final[i]! * 100;
    w[i] = stakes[i]!.capability * stakes[i]!.salience;
  }
  const f = pointForecast(spec, "smp", weightedMedian(pos.subarray(0, n), w.subarray(0, n)));
  f.rounds = run.turns;
  f.converged = run.converged;
  return f;
}

/**
 * KTAB's Spatial Model of Politics (`runSmp`, KTAB defaults): by default one run per axis issue, or
 * one joint run over all of them. The forecast of an issue is the capability × salience weighted
 * median of the final positions of the actors who hold a position on it. Categorical issues fall
 * back to weighted plurality.
 */
export function smpForecast(input: ForecastInput, options: SmpModelOptions = {}): IssueModelForecast[] {
  if (!options.joint) {
    return input.issues.map((spec) =>
      spec.issue.kind === "categorical"
        ? pluralityForecast(spec, "smp", "categorical issue: weighted plurality")
        : smpIssue(spec, options),
    );
  }
  return smpJoint(input, options);
}

function smpJoint(input: ForecastInput, options: SmpModelOptions): IssueModelForecast[] {
  const mapping = smpMapping(input);
  const byIssue = new Map<string, IssueModelForecast>();
  if (mapping.input.actors.length >= 2) {
    const run = runSmp(mapping.input, options);
    const last = run.positions[run.positions.length - 1]!;
    mapping.issues.forEach((spec, k) => {
      const ws = mapping.input.actors.map((a, i) => a.capability * mapping.salienceOn[i]![k]!);
      const f = pointForecast(
        spec,
        "smp",
        weightedMedian(
          last.map((p) => p[k]!),
          ws,
        ),
      );
      f.rounds = run.turns;
      f.converged = run.converged;
      if (options.trajectory ?? true) {
        const holders = mapping.input.actors.map((_, i) => i).filter((i) => ws[i]! > 0);
        f.trajectory = {
          actors: holders.map((i) => mapping.input.actors[i]!.id),
          rounds: run.positions.map((state) => holders.map((i) => fromUnit(spec.issue, state[i]![k]!))),
        };
      }
      byIssue.set(spec.issue.id, f);
    });
  }
  return input.issues.map((spec) => {
    const f = byIssue.get(spec.issue.id);
    if (f) return f;
    if (spec.issue.kind === "categorical") {
      return pluralityForecast(spec, "smp", "categorical issue: weighted plurality");
    }
    return smpIssue(spec, options);
  });
}

export const smpModel: ForecastModel = {
  name: "smp",
  description:
    "KTAB Spatial Model of Politics, one run per issue (build–challenge–bargain turns, KTAB defaults, stops when a turn moves < 2% of the first or after 100 turns)",
  forecast: smpForecast,
};
