import {
  type BacktestCase,
  type BacktestModelName,
  backtestModelDescriptions,
  backtestModelNames,
  type ErrorSummary,
  fittedEuFamily,
  fittedMeanFamily,
  fittedProceduralFamily,
  forecastCase,
  type ModelFamily,
  nestedCrossValidation,
  type PairedInterval,
  pairedBootstrap,
  type SkippedCase,
  stackedFamily,
  summarizeErrors,
} from "./backtest.js";
import { toUnit } from "./forecast-input.js";
import { gridFitter, influenceCvLearner, influenceData, influenceLearner } from "./influence.js";
import type { ForecastModelName } from "./model-types.js";
import { monteCarlo } from "./monte-carlo.js";

/** One issue's forecast by every fixed model, and the outcome. */
export interface EvaluatedCase {
  scenario: string;
  issue: string;
  outcome: number;
  forecasts: Record<BacktestModelName, number>;
}

/** One model's scores in a backtest. */
export interface ModelScore extends ErrorSummary {
  model: string;
  description: string;
  /** MAE(model) − MAE(compromise) with its paired bootstrap 95% interval. */
  versusCompromise: PairedInterval;
  /** Issues the model gave no finite forecast for (a failure; the summary then reads NaN). */
  failures: number;
}

/** Share of outcomes inside one model's 90% Monte Carlo interval. */
export interface Coverage {
  model: ForecastModelName;
  runs: number;
  covered: number;
  share: number;
}

export interface Evaluation {
  cases: EvaluatedCase[];
  skipped: SkippedCase[];
  /** Each fixed model on every case (nothing fitted). */
  fixed: ModelScore[];
  /** Fitted models and the selected best, scored out of fold under nested cross-validation. */
  nested: Array<ModelScore & { chosen: string[] }>;
  nestedOptions: { outerFolds: number; innerFolds: number; seed: number; resamples: number };
  coverage?: Coverage[];
}

export interface EvaluateOptions {
  /** @default 1 */
  seed?: number;
  /** @default 10 */
  outerFolds?: number;
  /** @default 5 */
  innerFolds?: number;
  /** Bootstrap resamples. @default 2000 */
  resamples?: number;
  /** Monte Carlo draws per issue for interval coverage; 0 skips it. @default 0 */
  runs?: number;
  /** Models whose Monte Carlo coverage is measured. @default ["compromise"] */
  coverageModels?: ForecastModelName[];
}

/**
 * A backtest of every model against recorded outcomes: fixed models scored on every case, fitted
 * models and the choice of the best scored under nested cross-validation, each with a paired
 * bootstrap interval of its MAE minus the compromise model's; optionally the coverage of the 90%
 * Monte Carlo interval under the scenarios' stated confidences. Pure and seeded.
 */
export function evaluateBacktest(
  cases: readonly BacktestCase[],
  skipped: readonly SkippedCase[],
  options: EvaluateOptions = {},
): Evaluation {
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  const outcome = Float64Array.from(cases, (c) => c.outcome);
  const trajectories: Array<{ rounds: number[][]; weights: number[] }> = [];
  const evaluated: EvaluatedCase[] = cases.map((c, i) => ({
    scenario: c.scenario,
    issue: c.id,
    outcome: c.outcome,
    forecasts: forecastCase(c, (rounds, weights) => {
      trajectories[i] = { rounds, weights };
    }),
  }));
  const column = (m: BacktestModelName) => Float64Array.from(evaluated, (e) => e.forecasts[m]);
  const fixedCols = Object.fromEntries(backtestModelNames.map((m) => [m, column(m)])) as Record<
    BacktestModelName,
    Float64Array
  >;
  const compromise = fixedCols.compromise;
  const score = (model: string, description: string, pred: ArrayLike<number>): ModelScore => ({
    model,
    description,
    ...summarizeErrors(Array.from(pred, (p, i) => p - outcome[i]!)),
    versusCompromise: pairedBootstrap(pred, compromise, outcome, { seed, resamples }),
    failures: Array.from(pred).filter((p) => !Number.isFinite(p)).length,
  });
  const fixed = backtestModelNames.map((m) => score(m, backtestModelDescriptions[m], fixedCols[m]));
  const families: ModelFamily[] = [
    ...backtestModelNames.map((m) => ({
      name: m,
      description: backtestModelDescriptions[m],
      settings: ["fixed"],
      predictions: [fixedCols[m]],
    })),
    fittedMeanFamily(cases),
    fittedProceduralFamily(cases, compromise),
    fittedEuFamily(cases, trajectories),
    stackedFamily(
      Object.fromEntries(backtestModelNames.filter((m) => m !== "ensemble").map((m) => [m, fixedCols[m]])),
    ),
  ];
  const outerFolds = options.outerFolds ?? 10;
  const innerFolds = options.innerFolds ?? 5;
  // "selected" chooses among every family, the fixed models included; only the fitted ones and the
  // selection are reported here (a fixed model's out-of-fold forecasts are its forecasts).
  const data = influenceData(cases.map((c) => c.spec));
  // One fitter for both learners: "selected" and influence-cv fit the same inner training sets.
  const fitter = gridFitter(data);
  const cv = nestedCrossValidation(families, outcome, { outerFolds, innerFolds, seed }, [
    influenceLearner(data, fitter),
    influenceCvLearner(data, innerFolds, fitter),
  ]);
  const nested = cv.slice(backtestModelNames.length).map((r) => ({
    ...score(r.name, r.description, r.predictions),
    chosen: r.chosen,
  }));
  const out: Evaluation = {
    cases: evaluated,
    skipped: [...skipped],
    fixed,
    nested,
    nestedOptions: { outerFolds, innerFolds, seed, resamples },
  };
  const runs = options.runs ?? 0;
  if (runs > 0) {
    out.coverage = (options.coverageModels ?? ["compromise"]).map((model) => {
      let covered = 0;
      cases.forEach((c) => {
        const d = monteCarlo({ issues: [c.spec], batna: c.batna }, model, runs, seed)[0]!;
        const lo = toUnit(c.spec.issue, d.p05!);
        const hi = toUnit(c.spec.issue, d.p95!);
        if (c.outcome >= lo - 1e-9 && c.outcome <= hi + 1e-9) covered++;
      });
      return { model, runs, covered, share: covered / cases.length };
    });
  }
  return out;
}
