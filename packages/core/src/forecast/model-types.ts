import type { IssueValue } from "../model/issue.js";
import type { ForecastInput } from "./forecast-input.js";

/** The forecast models Entente offers; "ensemble" combines the first five. */
export const forecastModelNames = [
  "compromise",
  "median",
  "nash",
  "eu",
  "smp",
  "ensemble",
  "influence",
] as const;
export type ForecastModelName = (typeof forecastModelNames)[number];

/**
 * The headline model of `entente forecast`, `entente analyze` and the API alike: the compromise
 * model. Only `influence` beats it out of sample on DEU III (nested cross-validation on the dev
 * half), and only through weights learned for DEU's EU actors, which say nothing about other
 * negotiations (docs/forecast.md, "Which model is the default").
 */
export const DEFAULT_FORECAST_MODEL: ForecastModelName = "compromise";

/** Positions per round for the dynamic models: rounds[r][k] is actor k's axis value after round r. */
export interface Trajectory {
  actors: string[];
  rounds: number[][];
}

/** One model's forecast of one issue. */
export interface IssueModelForecast {
  issue: string;
  model: ForecastModelName;
  /** Axis value in the issue's units (0–100 for ordinal issues); null for categorical issues. */
  value: number | null;
  /** The option (ordinal, categorical) or number (numeric) the forecast lands on. */
  outcome: IssueValue;
  /** For categorical issues and point models: the model's own spread over options, where it has one. */
  optionShares?: Record<string, number>;
  trajectory?: Trajectory;
  /** Rounds played by a dynamic model, and whether it settled before its round limit. */
  rounds?: number;
  converged?: boolean;
  /** Why a model fell back to another rule on this issue (e.g. categorical issue, too few actors). */
  note?: string;
}

/** A forecast model: a pure function from a set of issues to a forecast per issue. */
export interface ForecastModel {
  name: ForecastModelName;
  /** One line for reports: what the model assumes and where it comes from. */
  description: string;
  forecast(input: ForecastInput, options?: ModelOptions): IssueModelForecast[];
}

export interface ModelOptions {
  /**
   * Record positions per round (dynamic models); the Monte Carlo turns this off.
   * @default true
   */
  trajectory?: boolean;
  /**
   * SMP: one joint multi-dimensional run over all axis issues (as KTAB runs a multi-dimension CSV)
   * instead of one run per issue.
   * @default false
   */
  joint?: boolean;
}
