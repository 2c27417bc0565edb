import type { IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { combineForecasts, componentModels, ENSEMBLE_WEIGHTS, forecastModels } from "./ensemble.js";
import { type ForecastInput, forecastInputFromScenario, type IssueSpec } from "./forecast-input.js";
import {
  DEFAULT_FORECAST_MODEL,
  type ForecastModelName,
  forecastModelNames,
  type IssueModelForecast,
  type ModelOptions,
  type Trajectory,
} from "./model-types.js";
import { type IssueDistribution, monteCarlo } from "./monte-carlo.js";

/** How much one actor moves one issue's forecast: f(all actors) − f(all but this one). */
export interface ActorPull {
  actor: string;
  /** In the issue's axis units; positive pulls toward the high end. NaN-free: 0 on categorical issues. */
  pull: number;
  /** Categorical issues: whether removing the actor changes the forecast option. */
  changesOutcome: boolean;
}

/**
 * Leave-one-out influence of each actor on one issue under a model: the forecast with every actor
 * minus the forecast without this one. Model-agnostic, so it explains the ensemble as well as the
 * parts; sorted by the size of the pull.
 */
export function actorPulls(
  spec: IssueSpec,
  batna: Record<string, number>,
  model: ForecastModelName,
  modelOptions: ModelOptions = {},
  withEveryone?: IssueModelForecast,
): ActorPull[] {
  // One issue at a time: with `joint`, the coupling through other issues is left out of the explanation.
  const run = (s: IssueSpec) =>
    forecastModels[model].forecast({ issues: [s], batna }, { ...modelOptions, trajectory: false })[0]!;
  // The forecast with every actor, when the caller has it (only without `joint`: the same issue alone).
  const full = withEveryone && !modelOptions.joint ? withEveryone : run(spec);
  return spec.stakes
    .map((s) => {
      const without = run({ ...spec, stakes: spec.stakes.filter((x) => x !== s) });
      const pull = full.value !== null && without.value !== null ? full.value - without.value : 0;
      return { actor: s.actor, pull, changesOutcome: String(full.outcome) !== String(without.outcome) };
    })
    .sort(
      (a, b) => Math.abs(b.pull) - Math.abs(a.pull) || Number(b.changesOutcome) - Number(a.changesOutcome),
    );
}

/** One model's point forecast of an issue, as the section reports it. */
export interface SectionPoint {
  value: number | null;
  outcome: IssueValue;
  rounds?: number;
  converged?: boolean;
  note?: string;
}

export interface IssueForecastSection {
  issue: string;
  name: string;
  kind: "ordinal" | "numeric" | "categorical";
  unit?: string;
  /** Option ids and labels in order (ordinal and categorical issues). */
  options?: Array<{ id: string; label: string }>;
  /** Every model's point forecast. */
  forecasts: Record<ForecastModelName, SectionPoint>;
  /** The headline forecast (the chosen model's). */
  headline: SectionPoint;
  pulls: ActorPull[];
  /** Positions per round of the dynamic models. */
  trajectories: { eu?: Trajectory; smp?: Trajectory };
  distribution?: IssueDistribution;
}

export interface ForecastSection {
  model: ForecastModelName;
  models: Array<{ name: ForecastModelName; description: string }>;
  ensembleWeights: Record<string, number>;
  issues: IssueForecastSection[];
  monteCarlo?: { runs: number; seed: number; model: ForecastModelName };
}

export interface ForecastSectionOptions {
  /**
   * The headline model: the compromise model, as `entente forecast` (docs/forecast.md says why).
   * @default "compromise"
   */
  model?: ForecastModelName;
  /**
   * Monte Carlo draws computed here when `distributions` is not given; 0 skips the Monte Carlo.
   * @default 0
   */
  runs?: number;
  /** @default 1 */
  seed?: number;
  /** Distributions already computed (e.g. by the CLI's worker threads) for `runs` draws of `seed`. */
  distributions?: IssueDistribution[];
  /** Use this input instead of deriving it from the scenario. */
  input?: ForecastInput;
  /** Passed to every model (e.g. `joint: true` for a KTAB import). */
  modelOptions?: ModelOptions;
  /**
   * Compute each actor's pull on the headline forecast (one run of the headline model per actor
   * and issue, leave-one-out); without it `pulls` is empty and no model runs more than once.
   * @default true
   */
  explain?: boolean;
}

const toPoint = (f: {
  value: number | null;
  outcome: IssueValue;
  rounds?: number;
  converged?: boolean;
  note?: string;
}): SectionPoint => {
  const p: SectionPoint = { value: f.value, outcome: f.outcome };
  if (f.rounds !== undefined) p.rounds = f.rounds;
  if (f.converged !== undefined) p.converged = f.converged;
  if (f.note !== undefined) p.note = f.note;
  return p;
};

/**
 * The forecast section of `entente analyze`: every model's forecast per issue, the headline model's
 * explanation (actor pulls), the dynamic models' trajectories and, when asked, the Monte Carlo
 * distribution. Plain JSON-able data; renderers live in the CLI.
 */
export function buildForecastSection(
  scenario: Scenario,
  options: ForecastSectionOptions = {},
): ForecastSection {
  const model = options.model ?? DEFAULT_FORECAST_MODEL;
  const input = options.input ?? forecastInputFromScenario(scenario);
  // The ensemble combines the component forecasts already made here rather than running them again.
  const parts = componentModels.map((m) => ({
    name: m.name,
    forecasts: m.forecast(input, options.modelOptions),
  }));
  const all = Object.fromEntries(parts.map((p) => [p.name, p.forecasts])) as Record<
    ForecastModelName,
    IssueModelForecast[]
  >;
  all.ensemble = combineForecasts(
    parts.map((p) => ({
      weight: ENSEMBLE_WEIGHTS[p.name as keyof typeof ENSEMBLE_WEIGHTS],
      forecasts: p.forecasts,
    })),
    input,
  );
  all.influence = forecastModels.influence.forecast(input, options.modelOptions);
  const runs = options.runs ?? 0;
  const seed = options.seed ?? 1;
  const distributions =
    options.distributions ??
    (runs > 0 ? monteCarlo(input, model, runs, seed, options.modelOptions) : undefined);
  const issues = input.issues.map((spec, k): IssueForecastSection => {
    const issue = spec.issue;
    const forecasts = Object.fromEntries(forecastModelNames.map((m) => [m, toPoint(all[m][k]!)])) as Record<
      ForecastModelName,
      SectionPoint
    >;
    const trajectories: IssueForecastSection["trajectories"] = {};
    if (all.eu[k]!.trajectory) trajectories.eu = all.eu[k]!.trajectory!;
    if (all.smp[k]!.trajectory) trajectories.smp = all.smp[k]!.trajectory!;
    const out: IssueForecastSection = {
      issue: issue.id,
      name: issue.name,
      kind: issue.kind,
      forecasts,
      headline: forecasts[model],
      pulls:
        (options.explain ?? true)
          ? actorPulls(spec, input.batna, model, options.modelOptions, all[model][k])
          : [],
      trajectories,
    };
    if (issue.kind === "numeric") out.unit = issue.unit;
    else out.options = issue.options.map((o) => ({ id: o.id, label: o.label }));
    const dist = distributions?.[k];
    if (dist) out.distribution = dist;
    return out;
  });
  const section: ForecastSection = {
    model,
    models: forecastModelNames.map((m) => ({ name: m, description: forecastModels[m].description })),
    ensembleWeights: { ...ENSEMBLE_WEIGHTS },
    issues,
  };
  if (distributions) section.monteCarlo = { runs: distributions[0]?.draws ?? runs, seed, model };
  return section;
}
