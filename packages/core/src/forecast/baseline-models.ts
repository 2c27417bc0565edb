import type { Issue } from "../model/issue.js";
import { weightedMean, weightedMedian } from "./baseline.js";
import { fromUnit, type IssueSpec, outcomeAt, toUnit } from "./forecast-input.js";
import type { ForecastModel, ForecastModelName, IssueModelForecast } from "./model-types.js";

/**
 * Share of capability × salience behind each option of an issue (weighted plurality): the rule every
 * spatial model falls back to on a categorical issue, whose options have no order to move along.
 */
export function optionShares(spec: IssueSpec): Record<string, number> {
  const issue = spec.issue;
  const options = issue.kind === "numeric" ? [] : issue.options.map((o) => o.id);
  const totals: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  let total = 0;
  for (const s of spec.stakes) {
    const w = s.capability * s.salience;
    const key = String(s.ideal);
    if (key in totals) {
      totals[key] = totals[key]! + w;
      total += w;
    }
  }
  for (const o of options) totals[o] = total > 0 ? totals[o]! / total : 1 / options.length;
  return totals;
}

/** The option with the largest share (first in issue order on ties). */
export function pluralityOutcome(issue: Issue, shares: Record<string, number>): string {
  const options = issue.kind === "numeric" ? [] : issue.options.map((o) => o.id);
  let best = options[0] ?? "";
  for (const o of options) if ((shares[o] ?? 0) > (shares[best] ?? 0)) best = o;
  return best;
}

/** The forecast of a categorical issue (or one nobody holds a position on) by weighted plurality. */
export function pluralityForecast(
  spec: IssueSpec,
  model: ForecastModelName,
  note?: string,
): IssueModelForecast {
  const shares = optionShares(spec);
  const f: IssueModelForecast = {
    issue: spec.issue.id,
    model,
    value: null,
    outcome: pluralityOutcome(spec.issue, shares),
    optionShares: shares,
  };
  if (note) f.note = note;
  return f;
}

/** A forecast at a point t on the issue's 0..100 scale. */
export function pointForecast(spec: IssueSpec, model: ForecastModelName, t: number): IssueModelForecast {
  const value = fromUnit(spec.issue, t);
  return { issue: spec.issue.id, model, value, outcome: outcomeAt(spec.issue, value) };
}

/** An axis issue nobody holds a position on: the status quo if there is one, else the middle. */
export function unheldForecast(spec: IssueSpec, model: ForecastModelName): IssueModelForecast {
  const t = spec.statusQuo !== undefined ? toUnit(spec.issue, spec.statusQuo) : 50;
  return { ...pointForecast(spec, model, t), note: "no actor holds a position on this issue" };
}

function weightedModel(
  name: "compromise" | "median",
  description: string,
  combine: (xs: ArrayLike<number>, ws: ArrayLike<number>) => number,
): ForecastModel {
  return {
    name,
    description,
    forecast(input) {
      return input.issues.map((spec) => {
        if (spec.issue.kind === "categorical") return pluralityForecast(spec, name);
        // Typed arrays: an Array of numbers changes shape with its values (all integers or not),
        // and each new shape costs the Monte Carlo a recompilation of the combining function.
        const n = spec.stakes.length;
        const ws = new Float64Array(n);
        let held = false;
        for (let i = 0; i < n; i++) {
          const s = spec.stakes[i]!;
          ws[i] = s.capability * s.salience;
          if (ws[i]! > 0) held = true;
        }
        if (!held) return unheldForecast(spec, name);
        const xs = new Float64Array(n);
        for (let i = 0; i < n; i++) xs[i] = toUnit(spec.issue, spec.stakes[i]!.ideal);
        return pointForecast(spec, name, combine(xs, ws));
      });
    },
  };
}

/** The compromise model: capability × salience weighted mean of ideals (Achen 2006). */
export const compromiseModel = weightedModel(
  "compromise",
  "capability × salience weighted mean of ideal points (compromise model; Achen 2006)",
  weightedMean,
);

/** The weighted median of ideals: the position no weighted majority prefers to leave (Black 1948). */
export const medianModel = weightedModel(
  "median",
  "capability × salience weighted median of ideal points (median voter; Black 1948)",
  weightedMedian,
);
