import { pluralityForecast, pointForecast, unheldForecast } from "./baseline-models.js";
import { type InfluenceFit, influenceForecast } from "./influence.js";
import { INFLUENCE_FITS } from "./influence-weights.js";
import type { ForecastModel } from "./model-types.js";

/**
 * The influence model with given fits: on an axis issue, the average over the fits of each fit's
 * weighted mean of positions (weights capability^a × salience^b × the actor's multiplier, 1 for an
 * actor the fit never saw); a categorical issue falls back to the weighted plurality.
 */
export function influenceModelWith(fits: readonly InfluenceFit[]): ForecastModel {
  return {
    name: "influence",
    description:
      "compromise model with each actor's influence learned from DEU III's dev-half outcomes (Thomson & Hosli 2006); other actors weigh capability × salience",
    forecast(input) {
      return input.issues.map((spec) => {
        if (spec.issue.kind === "categorical") return pluralityForecast(spec, "influence");
        let sum = 0;
        for (const fit of fits) {
          const v = influenceForecast(spec, fit);
          if (v === null) return unheldForecast(spec, "influence");
          sum += v;
        }
        return pointForecast(spec, "influence", sum / fits.length);
      });
    },
  };
}

/**
 * The shipped influence model (`--model influence`): the fits of `INFLUENCE_FITS`, made on DEU III's
 * development half only. Its multipliers name DEU's actors (`com`, `ep`, `at` … `uk`, as `entente
 * import deu` writes them); on a scenario with other actors it is a weighted mean whose weights
 * average capability × salience and their square roots — nothing there was learned.
 */
export const influenceModel: ForecastModel = influenceModelWith(INFLUENCE_FITS);
