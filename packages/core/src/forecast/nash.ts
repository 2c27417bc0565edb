import type { IssueValue } from "../model/issue.js";
import { axisValue } from "../utility/issue-axis.js";
import { crossesRedLine, issueUtility } from "../utility/issue-utility.js";
import { pointForecast, unheldForecast } from "./baseline-models.js";
import type { IssueSpec, Stake } from "./forecast-input.js";
import type { ForecastModel, IssueModelForecast } from "./model-types.js";

/** Points searched on a numeric issue: the range cut into this many equal steps. */
const NUMERIC_GRID = 200;

function candidates(spec: IssueSpec): IssueValue[] {
  const issue = spec.issue;
  if (issue.kind !== "numeric") return issue.options.map((o) => o.id);
  const out: number[] = [];
  for (let k = 0; k <= NUMERIC_GRID; k++) out.push(issue.min + ((issue.max - issue.min) * k) / NUMERIC_GRID);
  return out;
}

const utilityOf = (spec: IssueSpec, s: Stake, x: IssueValue) =>
  issueUtility({ ...s.position, ideal: s.ideal, salience: s.salience }, spec.issue, x);

/**
 * The disagreement utility of an actor: its stated BATNA, else its utility for the status quo (its
 * own reading of it where it gives one), else 0 — talks failing leave it with nothing.
 */
export function disagreementUtility(spec: IssueSpec, s: Stake, batna: Record<string, number>): number {
  if (batna[s.actor] !== undefined) return batna[s.actor]!;
  const sq = s.position.statusQuo ?? spec.statusQuo;
  return sq === undefined ? 0 : utilityOf(spec, s, sq);
}

/**
 * The asymmetric Nash bargaining solution on one issue: the point maximising Σᵢ wᵢ·ln(uᵢ(x) − dᵢ)
 * over the points every actor prefers to disagreement (Nash 1950; Kalai 1977 for the weights
 * wᵢ = capability × salience as bargaining power), skipping points that cross a red line when any
 * point does not. When no point leaves every actor better off than disagreement, the status quo
 * stands (or, without one, the point with the largest weighted log-utility).
 */
export function nashIssue(spec: IssueSpec, batna: Record<string, number> = {}): IssueModelForecast {
  const stakes = spec.stakes.filter((s) => s.capability * s.salience > 0);
  if (stakes.length === 0) return unheldForecast(spec, "nash");
  const points = candidates(spec);
  const allowed = points.filter((x) => !stakes.some((s) => crossesRedLine(s.position, spec.issue, x)));
  const pool = allowed.length > 0 ? allowed : points;
  const d = stakes.map((s) => disagreementUtility(spec, s, batna));
  const w = stakes.map((s) => s.capability * s.salience);
  let best: IssueValue | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const x of pool) {
    let score = 0;
    for (let i = 0; i < stakes.length && score > Number.NEGATIVE_INFINITY; i++) {
      const gain = utilityOf(spec, stakes[i]!, x) - d[i]!;
      score = gain > 1e-12 ? score + w[i]! * Math.log(gain) : Number.NEGATIVE_INFINITY;
    }
    if (score > bestScore) {
      bestScore = score;
      best = x;
    }
  }
  let note: string | undefined;
  if (best === undefined) {
    if (spec.statusQuo !== undefined) {
      best = spec.statusQuo;
      note = "no point leaves every actor better off than disagreement: the status quo stands";
    } else {
      // Without a status quo, d = 0 and only an actor's worst point can score −∞; take the best of the rest.
      for (const x of pool) {
        const score = stakes.reduce(
          (acc, s, i) => acc + w[i]! * Math.log(Math.max(utilityOf(spec, s, x), 1e-9)),
          0,
        );
        if (best === undefined || score > bestScore) [best, bestScore] = [x, score];
      }
      note = "no point strictly better than disagreement for every actor";
    }
  }
  if (allowed.length === 0) note = "every point crosses some actor's red line; red lines ignored";
  const f: IssueModelForecast =
    spec.issue.kind === "categorical"
      ? { issue: spec.issue.id, model: "nash", value: null, outcome: best! }
      : { ...pointForecast(spec, "nash", 0), value: axisValue(spec.issue, best!), outcome: best! };
  if (note) f.note = note;
  return f;
}

/** The Nash bargaining solution per issue, the status quo (or a BATNA) as disagreement point. */
export const nashModel: ForecastModel = {
  name: "nash",
  description:
    "asymmetric Nash bargaining solution per issue, weights capability × salience, status quo as disagreement point (Nash 1950; Kalai 1977)",
  forecast(input) {
    return input.issues.map((spec) => nashIssue(spec, input.batna));
  },
};
