import type { Issue, IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { axisValue, nearestOption } from "../utility/issue-axis.js";

/** A forecast of where one issue lands: a point on the axis (NaN for categorical) and the option it maps to. */
export interface IssuePoint {
  /** Axis value (0–100 for ordinal issues, units for numeric ones); null for categorical issues. */
  value: number | null;
  /** The option the forecast lands on (nearest option for ordinal, plurality for categorical); the value for numeric. */
  outcome: IssueValue;
}

/** One actor's stake in an issue, as the baseline models weigh it. */
export interface ActorStake {
  actor: string;
  ideal: IssueValue;
  /** The ideal's axis value; null on categorical issues. */
  axis: number | null;
  capability: number;
  salience: number;
  /** capability × salience: the actor's effective weight on this issue (the compromise model). */
  weight: number;
}

/** The two baseline forecasts of one issue and the stakes they are computed from. */
export interface BaselineForecast {
  issue: string;
  mean: IssuePoint;
  median: IssuePoint;
  stakes: ActorStake[];
  /** Share of total weight per option (categorical issues only). */
  optionShares?: Record<string, number>;
}

/** Each actor's stake in an issue: its ideal and weight = capability × salience. */
export function stakesOn(scenario: Scenario, issue: Issue): ActorStake[] {
  const capability = new Map(scenario.actors.map((a) => [a.id, a.capability.value]));
  return scenario.positions
    .filter((p) => p.issue === issue.id)
    .map((p) => {
      const cap = capability.get(p.actor) ?? 0;
      const axis = issue.kind === "categorical" ? null : axisValue(issue, p.ideal);
      return {
        actor: p.actor,
        ideal: p.ideal,
        axis,
        capability: cap,
        salience: p.salience,
        weight: cap * p.salience,
      };
    });
}

/**
 * Weighted mean Σ wᵢxᵢ / Σ wᵢ — the "compromise model" of collective decisions, where each actor
 * pulls with capability × salience (Achen 2006, "Evaluating political decision-making models";
 * Stokman & Van Oosten). Returns NaN when the total weight is 0.
 */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    num += values[i]! * weights[i]!;
    den += weights[i]!;
  }
  return den > 0 ? num / den : Number.NaN;
}

/**
 * Weighted median: the point m where at most half the weight lies on either side — the position
 * that beats every other in pairwise weighted votes on one dimension (Black 1948, median voter).
 * When the cumulative weight hits exactly half at a point, the median is the midpoint between it
 * and the next point. Returns NaN when the total weight is 0.
 */
export function weightedMedian(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  // A stable insertion sort of the positively weighted indices: the same order as a stable
  // Array#sort by value, without its callbacks (the Monte Carlo sorts a few thousand short lists a
  // draw), into a reused index buffer.
  if (medianOrder.length < values.length) medianOrder = new Int32Array(values.length * 2);
  const order = medianOrder;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(weights[i]! > 0)) continue;
    let at = count++;
    while (at > 0 && values[order[at - 1]!]! - values[i]! > 0) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = i;
  }
  let total = 0;
  for (let k = 0; k < count; k++) total += weights[order[k]!]!;
  if (total <= 0) return Number.NaN;
  const half = total / 2;
  const eps = total * 1e-12;
  let cumulative = 0;
  for (let k = 0; k < count; k++) {
    cumulative += weights[order[k]!]!;
    if (Math.abs(cumulative - half) <= eps && k + 1 < count)
      return (values[order[k]!]! + values[order[k + 1]!]!) / 2;
    if (cumulative > half) return values[order[k]!]!;
  }
  return values[order[count - 1]!]!;
}

/** weightedMedian's index buffer, grown as needed (the function calls nothing that could reenter). */
let medianOrder = new Int32Array(64);

function toPoint(issue: Issue, value: number): IssuePoint {
  return { value, outcome: issue.kind === "ordinal" ? nearestOption(issue, value) : value };
}

/** Weighted plurality for unordered options: the option with the most capability × salience behind it. */
function plurality(issue: Issue, stakes: ActorStake[]): { outcome: string; shares: Record<string, number> } {
  const totals: Record<string, number> = {};
  let total = 0;
  for (const s of stakes) {
    totals[String(s.ideal)] = (totals[String(s.ideal)] ?? 0) + s.weight;
    total += s.weight;
  }
  const options = issue.kind === "numeric" ? [] : issue.options.map((o) => o.id);
  let best = options[0] ?? "";
  for (const o of options) if ((totals[o] ?? 0) > (totals[best] ?? 0)) best = o;
  const shares = Object.fromEntries(options.map((o) => [o, total > 0 ? (totals[o] ?? 0) / total : 0]));
  return { outcome: best, shares };
}

/**
 * The baseline forecasts for one issue: the weighted mean (compromise model) and the weighted median,
 * each mapped to an option. Categorical issues have no axis, so both baselines give the weighted
 * plurality and the share of weight behind each option.
 */
export function baselineForecast(scenario: Scenario, issue: Issue): BaselineForecast {
  const stakes = stakesOn(scenario, issue);
  if (issue.kind === "categorical") {
    const { outcome, shares } = plurality(issue, stakes);
    const point = { value: null, outcome };
    return { issue: issue.id, mean: point, median: point, stakes, optionShares: shares };
  }
  const xs = stakes.map((s) => s.axis ?? Number.NaN);
  const ws = stakes.map((s) => s.weight);
  return {
    issue: issue.id,
    mean: toPoint(issue, weightedMean(xs, ws)),
    median: toPoint(issue, weightedMedian(xs, ws)),
    stakes,
  };
}
