import type { Scenario } from "../model/scenario.js";
import { weightedMean, weightedMedian } from "./baseline.js";
import { forecastModels } from "./ensemble.js";
import { euIssue } from "./expected-utility.js";
import { foldsOf } from "./folds.js";
import { forecastInputFromScenario, type IssueSpec, toUnit } from "./forecast-input.js";
import type { ForecastModelName } from "./model-types.js";
import { type ProceduralContext, proceduralOutcome } from "./procedural.js";
import { drawRng } from "./random.js";
import { smpOutcomes } from "./smp-expected.js";

export { foldsOf } from "./folds.js";

/** One issue with a recorded outcome: what a backtest forecasts and scores. */
export interface BacktestCase {
  /** The issue id. */
  id: string;
  /** The scenario it comes from. */
  scenario: string;
  spec: IssueSpec;
  batna: Record<string, number>;
  /** The recorded outcome on the issue's 0..100 scale. */
  outcome: number;
  /** How it was decided, when the scenario says (reference point and EU procedure). */
  context?: ProceduralContext;
}

/** Why an issue of a scenario is not scored. */
export interface SkippedCase {
  scenario: string;
  issue: string;
  reason: string;
}

/**
 * The scoreable issues of a scenario: an axis issue with a recorded `outcome` and at least two
 * actors with a positive capability × salience (the rule of issue #16 for DEU III).
 */
export function backtestCases(scenario: Scenario): { cases: BacktestCase[]; skipped: SkippedCase[] } {
  const input = forecastInputFromScenario(scenario);
  const cases: BacktestCase[] = [];
  const skipped: SkippedCase[] = [];
  for (const spec of input.issues) {
    const issue = spec.issue;
    const skip = (reason: string) => skipped.push({ scenario: scenario.id, issue: issue.id, reason });
    if (issue.outcome === undefined) {
      skip("no recorded outcome");
      continue;
    }
    if (issue.kind === "categorical") {
      skip("categorical issue: no axis to measure an error on");
      continue;
    }
    const held = spec.stakes.filter((s) => s.capability * s.salience > 0).length;
    if (held < 2) {
      skip(`${held} actor(s) with a position and a positive salience; need 2`);
      continue;
    }
    const c: BacktestCase = {
      id: issue.id,
      scenario: scenario.id,
      spec,
      batna: input.batna,
      outcome: toUnit(issue, issue.outcome.value),
    };
    if (issue.statusQuo !== undefined && issue.euProcedure !== undefined) {
      const ctx: ProceduralContext = {
        referencePoint: toUnit(issue, issue.statusQuo),
        procedure: issue.euProcedure.procedure,
        councilRule: issue.euProcedure.councilRule,
      };
      if (issue.euProcedure.agendaSetter) ctx.agendaSetter = issue.euProcedure.agendaSetter;
      if (issue.euProcedure.parliament) ctx.parliament = issue.euProcedure.parliament;
      c.context = ctx;
    }
    cases.push(c);
  }
  return { cases, skipped };
}

/** Error summary of a set of forecasts against outcomes (0..100 scale). */
export interface ErrorSummary {
  n: number;
  mae: number;
  rmse: number;
  medianError: number;
  /** Share of issues forecast within 10 points. */
  within10: number;
}

/** MAE, RMSE, median absolute error and the share within 10 points of absolute errors. */
export function summarizeErrors(errors: readonly number[]): ErrorSummary {
  const n = errors.length;
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const mid = n === 0 ? Number.NaN : n % 2 ? abs[(n - 1) / 2]! : (abs[n / 2 - 1]! + abs[n / 2]!) / 2;
  return {
    n,
    mae: abs.reduce((a, b) => a + b, 0) / n,
    rmse: Math.sqrt(abs.reduce((a, b) => a + b * b, 0) / n),
    medianError: mid,
    within10: abs.filter((e) => e <= 10).length / n,
  };
}

/** The models a backtest scores, each a fixed rule (nothing fitted). */
export const backtestModelNames = [
  "compromise",
  "median",
  "nash",
  "eu",
  "smp",
  "smp-expected",
  "ensemble",
  "procedural",
  "constant-50",
] as const;
export type BacktestModelName = (typeof backtestModelNames)[number];

export const backtestModelDescriptions: Record<BacktestModelName, string> = {
  compromise: "capability × salience weighted mean (compromise model)",
  median: "capability × salience weighted median",
  nash: "Nash bargaining solution",
  eu: "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)",
  smp: "KTAB SMP, weighted median of final positions",
  "smp-expected": "KTAB SMP, expected position under its position probabilities",
  ensemble: "equal-weight mean of compromise, median, Nash, EU and SMP",
  procedural:
    "agenda setter's best point in the win set of the reference point (QMV 74% / unanimity, EP under codecision)",
  "constant-50": "the middle of the scale",
};

const axisModels = ["compromise", "median", "nash"] as const satisfies readonly ForecastModelName[];

/**
 * Every fixed model's forecast (0..100) of one case; the procedural model falls back to compromise
 * without a context. `euTrajectory`, when given, receives the expected-utility model's positions per
 * round (axis units) and the actors' weights, for the fitted family that reads them.
 */
export function forecastCase(
  c: BacktestCase,
  euTrajectory?: (rounds: number[][], weights: number[]) => void,
): Record<BacktestModelName, number> {
  const input = { issues: [c.spec], batna: c.batna };
  const out = {} as Record<BacktestModelName, number>;
  let sum = 0;
  for (const m of axisModels) {
    const f = forecastModels[m].forecast(input, { trajectory: false })[0]!;
    out[m] = f.value === null ? Number.NaN : toUnit(c.spec.issue, f.value);
    sum += out[m];
  }
  const eu = euIssue(c.spec, { trajectory: euTrajectory !== undefined });
  out.eu = eu.value === null ? Number.NaN : toUnit(c.spec.issue, eu.value);
  sum += out.eu;
  if (euTrajectory && eu.trajectory) {
    const held = c.spec.stakes.filter((s) => s.capability * s.salience > 0);
    euTrajectory(
      eu.trajectory.rounds,
      held.map((s) => s.capability * s.salience),
    );
  }
  // One SMP run gives both of its outcome measures.
  const smp = smpOutcomes(c.spec);
  out.smp = smp.median;
  out["smp-expected"] = smp.expected;
  // The ensemble's equal weights over compromise, median, Nash, EU and SMP (ENSEMBLE_WEIGHTS).
  out.ensemble = (sum + smp.median) / 5;
  out.procedural = c.context ? proceduralOutcome(c.spec, c.context) : out.compromise;
  out["constant-50"] = 50;
  return out;
}

/** A family of models indexed by a finite grid of settings; fitting one chooses a setting. */
export interface ModelFamily {
  name: string;
  description: string;
  /** One label per setting, and each setting's forecasts of every case (0..100). */
  settings: string[];
  predictions: Float64Array[];
}

/**
 * The weighted mean with fitted weights: capability^a × salience^b, the agenda setter's and the
 * parliament's weight multiplied by m_c and m_p. The compromise model is a = b = m_c = m_p = 1.
 */
export function fittedMeanFamily(cases: readonly BacktestCase[]): ModelFamily {
  const settings: string[] = [];
  const predictions: Float64Array[] = [];
  for (const a of [0.5, 1])
    for (const b of [0, 1, 2])
      for (const mc of [0.5, 1, 2])
        for (const mp of [0.5, 1, 2]) {
          settings.push(`capability^${a} × salience^${b}, agenda setter ×${mc}, parliament ×${mp}`);
          predictions.push(
            Float64Array.from(cases, (c) => {
              const xs: number[] = [];
              const ws: number[] = [];
              for (const s of c.spec.stakes) {
                let w = s.capability ** a * s.salience ** b;
                if (!(s.capability * s.salience > 0)) continue;
                if (s.actor === c.context?.agendaSetter) w *= mc;
                if (s.actor === c.context?.parliament) w *= mp;
                xs.push(toUnit(c.spec.issue, s.ideal));
                ws.push(w);
              }
              return weightedMean(xs, ws);
            }),
          );
        }
  return {
    name: "fitted-mean",
    description: "weighted mean with exponents and institution weights chosen on training folds",
    settings,
    predictions,
  };
}

/** The procedural model with its QMV threshold and a share λ mixed with the compromise model, chosen on training folds. */
export function fittedProceduralFamily(
  cases: readonly BacktestCase[],
  compromise: ArrayLike<number>,
): ModelFamily {
  const settings: string[] = [];
  const predictions: Float64Array[] = [];
  for (const q of [0.55, 0.65, 0.74])
    for (const lambda of [0.25, 0.5, 0.75, 1]) {
      settings.push(`QMV ${q}, λ ${lambda}`);
      predictions.push(
        Float64Array.from(cases, (c, i) => {
          const p = c.context ? proceduralOutcome(c.spec, c.context, { qmvThreshold: q }) : compromise[i]!;
          return lambda * p + (1 - lambda) * compromise[i]!;
        }),
      );
    }
  return {
    name: "fitted-procedural",
    description:
      "procedural model mixed with the compromise model; threshold and share chosen on training folds",
    settings,
    predictions,
  };
}

/**
 * The expected-utility model read after 1, 2, 3 rounds or where it settles, as the weighted median
 * or mean of the positions then: how many rounds to trust and which summary, chosen on training folds.
 */
export function fittedEuFamily(
  cases: readonly BacktestCase[],
  trajectories: ReadonlyArray<{ rounds: number[][]; weights: number[] }>,
): ModelFamily {
  const settings: string[] = [];
  const predictions: Float64Array[] = [];
  for (const after of [1, 2, 3, Number.POSITIVE_INFINITY])
    for (const rule of ["median", "mean"] as const) {
      settings.push(
        `${rule} after ${after === Number.POSITIVE_INFINITY ? "the last round" : `round ${after}`}`,
      );
      predictions.push(
        Float64Array.from(cases, (c, i) => {
          const { rounds, weights } = trajectories[i]!;
          const row = rounds[Math.min(after, rounds.length - 1)]!;
          const v = rule === "mean" ? weightedMean(row, weights) : weightedMedian(row, weights);
          return toUnit(c.spec.issue, v);
        }),
      );
    }
  return {
    name: "fitted-eu",
    description: "expected-utility model: rounds and summary (median or mean) chosen on training folds",
    settings,
    predictions,
  };
}

/** Every weight vector on the simplex with steps of 1/steps over k components. */
function simplex(k: number, steps: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], left: number) => {
    if (prefix.length === k - 1) {
      out.push([...prefix, left].map((x) => x / steps));
      return;
    }
    for (let v = 0; v <= left; v++) rec([...prefix, v], left - v);
  };
  rec([], steps);
  return out;
}

/** A stacked ensemble: convex weights over the fixed models (steps of ¼), chosen on training folds. */
export function stackedFamily(fixed: Record<string, ArrayLike<number>>): ModelFamily {
  const names = Object.keys(fixed);
  const settings: string[] = [];
  const predictions: Float64Array[] = [];
  const n = fixed[names[0]!]!.length;
  for (const w of simplex(names.length, 4)) {
    settings.push(
      names
        .map((m, k) => (w[k]! > 0 ? `${w[k]} ${m}` : ""))
        .filter(Boolean)
        .join(" + "),
    );
    const p = new Float64Array(n);
    names.forEach((m, k) => {
      if (w[k]! === 0) return;
      const col = fixed[m]!;
      for (let i = 0; i < n; i++) p[i] = p[i]! + w[k]! * col[i]!;
    });
    predictions.push(p);
  }
  return {
    name: "stacked",
    description: "convex combination of the fixed models, weights learned on training folds",
    settings,
    predictions,
  };
}

function mae(pred: ArrayLike<number>, outcome: ArrayLike<number>, idx: readonly number[]): number {
  let s = 0;
  for (const i of idx) s += Math.abs(pred[i]! - outcome[i]!);
  return s / idx.length;
}

/** The setting of a family with the least MAE on the given cases (first on ties). */
function fit(f: ModelFamily, outcome: ArrayLike<number>, idx: readonly number[]): number {
  let best = 0;
  let bestMae = Number.POSITIVE_INFINITY;
  f.predictions.forEach((p, k) => {
    const e = mae(p, outcome, idx);
    if (e < bestMae) {
      bestMae = e;
      best = k;
    }
  });
  return best;
}

/** One model's out-of-fold forecasts and which setting each outer fold chose. */
export interface CrossValidated {
  name: string;
  description: string;
  predictions: Float64Array;
  /** Per outer fold, the setting (or, for "selected", the family) chosen on its training folds. */
  chosen: string[];
}

export interface NestedCvOptions {
  /** @default 10 */
  outerFolds?: number;
  /** @default 5 */
  innerFolds?: number;
  /** @default 1 */
  seed?: number;
}

/**
 * A model fitted by a procedure of its own (for instance with a cross-validation inside it): fit on
 * the training issues, forecast the test issues (0..100). The `outcome` it receives holds the
 * training issues' outcomes only — every other entry is NaN — so no fit can read an outcome it is
 * scored on.
 */
export interface Learner {
  name: string;
  description: string;
  fitPredict(
    outcome: Float64Array,
    train: readonly number[],
    test: readonly number[],
    seed: number,
  ): { predictions: Float64Array; chosen: string };
  /**
   * Whether "selected" may choose it; judging a learner by inner cross-validation fits it once per
   * inner fold, which a learner with a cross-validation of its own may not afford. @default true
   */
  selectable?: boolean;
}

/** The outcomes of `train` only; NaN everywhere else. */
export function maskedOutcome(outcome: ArrayLike<number>, train: readonly number[]): Float64Array {
  const m = new Float64Array(outcome.length).fill(Number.NaN);
  for (const i of train) m[i] = outcome[i]!;
  return m;
}

/**
 * Nested cross-validation (Varma & Simon 2006): each outer fold is forecast by settings chosen on
 * the other folds only. A family's setting is the one with the least MAE on the outer training
 * cases; a learner is fitted on them by its own procedure; "selected" chooses the family, learner
 * (if selectable) or fixed model with the least inner-cross-validated MAE on the outer training
 * cases — inner folds choose, outer folds score.
 */
export function nestedCrossValidation(
  families: readonly ModelFamily[],
  outcome: ArrayLike<number>,
  options: NestedCvOptions = {},
  learners: readonly Learner[] = [],
): CrossValidated[] {
  const n = outcome.length;
  const K = options.outerFolds ?? 10;
  const J = options.innerFolds ?? 5;
  const seed = options.seed ?? 1;
  const outer = foldsOf(n, K, seed);
  const results: CrossValidated[] = [...families, ...learners].map((f) => ({
    name: f.name,
    description: f.description,
    predictions: new Float64Array(n),
    chosen: [],
  }));
  const selected: CrossValidated = {
    name: "selected",
    description: "the family chosen per outer fold by inner cross-validation on its training folds",
    predictions: new Float64Array(n),
    chosen: [],
  };
  const selectable = learners.filter((l) => l.selectable !== false);
  for (let k = 0; k < K; k++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) {
      if (outer[i] === k) test.push(i);
      else train.push(i);
    }
    const fits = families.map((f) => fit(f, outcome, train));
    families.forEach((f, m) => {
      const p = f.predictions[fits[m]!]!;
      for (const i of test) results[m]!.predictions[i] = p[i]!;
      results[m]!.chosen.push(f.settings[fits[m]!]!);
    });
    const trainOutcome = maskedOutcome(outcome, train);
    learners.forEach((l, m) => {
      const r = l.fitPredict(trainOutcome, train, test, seed + 1 + k);
      const res = results[families.length + m]!;
      test.forEach((i, t) => {
        res.predictions[i] = r.predictions[t]!;
      });
      res.chosen.push(r.chosen);
    });
    // Inner cross-validation of every family and selectable learner on the outer training cases.
    const inner = foldsOf(train.length, J, seed + 1 + k);
    const innerErr = [...families, ...selectable].map(() => 0);
    for (let j = 0; j < J; j++) {
      const itrain: number[] = [];
      const ival: number[] = [];
      train.forEach((i, r) => {
        (inner[r] === j ? ival : itrain).push(i);
      });
      families.forEach((f, m) => {
        const p = f.predictions[fit(f, outcome, itrain)]!;
        for (const i of ival) innerErr[m] = innerErr[m]! + Math.abs(p[i]! - outcome[i]!);
      });
      const itrainOutcome = maskedOutcome(outcome, itrain);
      selectable.forEach((l, m) => {
        const p = l.fitPredict(itrainOutcome, itrain, ival, seed + 1000 * (k + 1) + j).predictions;
        ival.forEach((i, t) => {
          innerErr[families.length + m] = innerErr[families.length + m]! + Math.abs(p[t]! - outcome[i]!);
        });
      });
    }
    let best = 0;
    for (let m = 1; m < innerErr.length; m++) if (innerErr[m]! < innerErr[best]!) best = m;
    if (best < families.length) {
      const p = families[best]!.predictions[fits[best]!]!;
      for (const i of test) selected.predictions[i] = p[i]!;
      selected.chosen.push(families[best]!.name);
    } else {
      const l = selectable[best - families.length]!;
      const r = results[families.length + learners.indexOf(l)]!;
      for (const i of test) selected.predictions[i] = r.predictions[i]!;
      selected.chosen.push(l.name);
    }
  }
  return [...results, selected];
}

/** A paired bootstrap interval of a model's MAE minus a baseline's on the same cases. */
export interface PairedInterval {
  difference: number;
  lo: number;
  hi: number;
}

/**
 * Paired bootstrap (Efron & Tibshirani 1993, ch. 13 percentile interval) of MAE(a) − MAE(b): cases
 * are resampled with replacement, the same resample for both models. Seeded.
 */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  outcome: ArrayLike<number>,
  options: { resamples?: number; seed?: number; level?: number } = {},
): PairedInterval {
  const n = outcome.length;
  const B = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const d = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    d[i] = Math.abs(a[i]! - outcome[i]!) - Math.abs(b[i]! - outcome[i]!);
    total += d[i]!;
  }
  const rng = drawRng(options.seed ?? 1, 1);
  const stats = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(rng.next() * n)]!;
    stats[r] = s / n;
  }
  stats.sort();
  const at = (p: number) => stats[Math.min(B - 1, Math.max(0, Math.floor(p * B)))]!;
  return { difference: total / n, lo: at((1 - level) / 2), hi: at(1 - (1 - level) / 2) };
}
