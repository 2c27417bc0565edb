import { compromiseModel, medianModel, pluralityOutcome } from "./baseline-models.js";
import { euModel } from "./expected-utility.js";
import { type ForecastInput, outcomeAt } from "./forecast-input.js";
import { influenceModel } from "./influence-model.js";
import type { ForecastModel, ForecastModelName, IssueModelForecast, ModelOptions } from "./model-types.js";
import { nashModel } from "./nash.js";
import { smpModel } from "./smp-model.js";

/**
 * Weights of the ensemble. Equal, on purpose: with no record of these models on comparable
 * negotiations to fit weights to, the simple average is the combination that forecasting studies
 * find hardest to beat out of sample (Clemen 1989; Genre et al. 2013, the "forecast combination
 * puzzle"). Change them here only with evidence, and say so in docs/forecast.md.
 */
export const ENSEMBLE_WEIGHTS: Readonly<
  Record<Exclude<ForecastModelName, "ensemble" | "influence">, number>
> = {
  compromise: 1,
  median: 1,
  nash: 1,
  eu: 1,
  smp: 1,
};

/** The component models, in report order. */
export const componentModels: readonly ForecastModel[] = [
  compromiseModel,
  medianModel,
  nashModel,
  euModel,
  smpModel,
];

/**
 * Combines per-issue forecasts of several models: on an axis issue the weighted mean of their
 * values (mapped to the nearest option); on every issue with options, the weighted share of models
 * landing on each option (a model's own option shares where it has them, e.g. plurality).
 */
export function combineForecasts(
  parts: ReadonlyArray<{ weight: number; forecasts: IssueModelForecast[] }>,
  input: ForecastInput,
  axisShares = true,
): IssueModelForecast[] {
  return input.issues.map((spec, k) => {
    const issue = spec.issue;
    let num = 0;
    let den = 0;
    const shares: Record<string, number> = {};
    // On an ordinal issue the shares are reported beside the value but decide nothing.
    const withShares = issue.kind === "categorical" || (issue.kind === "ordinal" && axisShares);
    for (const { weight, forecasts } of parts) {
      const f = forecasts[k]!;
      if (f.value !== null && Number.isFinite(f.value)) {
        num += weight * f.value;
        den += weight;
      }
      if (withShares) {
        if (f.optionShares === undefined) {
          const o = String(f.outcome); // a point forecast: all of its weight on its one option
          shares[o] = (shares[o] ?? 0) + weight * 1;
        } else {
          for (const [o, s] of Object.entries(f.optionShares)) shares[o] = (shares[o] ?? 0) + weight * s;
        }
      }
    }
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    for (const o of Object.keys(shares)) shares[o] = shares[o]! / (total || 1);
    if (issue.kind === "categorical") {
      return {
        issue: issue.id,
        model: "ensemble",
        value: null,
        outcome: pluralityOutcome(issue, shares),
        optionShares: shares,
      };
    }
    const value = den > 0 ? num / den : Number.NaN;
    const f: IssueModelForecast = {
      issue: issue.id,
      model: "ensemble",
      value,
      outcome: outcomeAt(issue, value),
    };
    if (withShares) f.optionShares = shares;
    return f;
  });
}

export const ensembleModel: ForecastModel = {
  name: "ensemble",
  description: "equal-weight combination of compromise, median, Nash, expected-utility and SMP forecasts",
  forecast(input, options?: ModelOptions) {
    return ensembleForecast(input, options, true);
  },
};

/**
 * The ensemble; without `axisShares` an ordinal issue's forecast omits its option shares (the
 * Monte Carlo reads only values and outcomes, which do not depend on them).
 */
export function ensembleForecast(
  input: ForecastInput,
  options: ModelOptions | undefined,
  axisShares: boolean,
): IssueModelForecast[] {
  const parts = componentModels.map((m) => ({
    weight: ENSEMBLE_WEIGHTS[m.name as keyof typeof ENSEMBLE_WEIGHTS],
    forecasts: m.forecast(input, options),
  }));
  return combineForecasts(parts, input, axisShares);
}

/** Every model by name. */
export const forecastModels: Readonly<Record<ForecastModelName, ForecastModel>> = {
  compromise: compromiseModel,
  median: medianModel,
  nash: nashModel,
  eu: euModel,
  smp: smpModel,
  ensemble: ensembleModel,
  influence: influenceModel,
};
