import type { Issue, IssueValue } from "../model/issue.js";
import type { RedLine } from "../model/position.js";
import { crossesRedLine, issueUtility } from "../utility/issue-utility.js";
import { axisInfo, axisOf } from "./axis-cache.js";
import { pointForecast, unheldForecast } from "./baseline-models.js";
import type { IssueSpec, Stake } from "./forecast-input.js";
import type { ForecastModel, IssueModelForecast } from "./model-types.js";

/** Points searched on a numeric issue: the range cut into this many equal steps. */
const NUMERIC_GRID = 200;

const candidateCache = new WeakMap<object, IssueValue[]>();

/** The points searched: every option, or the numeric range on a grid (cached per issue object). */
function candidates(spec: IssueSpec): IssueValue[] {
  const issue = spec.issue;
  let out = candidateCache.get(issue);
  if (!out) {
    if (issue.kind !== "numeric") out = issue.options.map((o) => o.id);
    else {
      const grid: number[] = [];
      for (let k = 0; k <= NUMERIC_GRID; k++)
        grid.push(issue.min + ((issue.max - issue.min) * k) / NUMERIC_GRID);
      out = grid;
    }
    candidateCache.set(issue, out);
  }
  return out;
}

const utilityOf = (spec: IssueSpec, s: Stake, x: IssueValue) =>
  issueUtility({ ...s.position, ideal: s.ideal, salience: s.salience }, spec.issue, x);

/**
 * `utilityOf` with the cached axis: linear and quadratic shapes on an axis are computed from axis
 * values directly (the same formulas as `issueUtility`, without its per-call option lookups).
 */
function stakeUtility(spec: IssueSpec, s: Stake, x: IssueValue): number {
  const issue = spec.issue;
  const shape = s.position.utility ?? "linear";
  if (typeof shape === "object" || issue.kind === "categorical") return utilityOf(spec, s, x);
  const { lo, hi } = axisInfo(issue);
  const span = hi - lo || 1;
  const d = Math.min(1, Math.abs(axisOf(issue, x) - axisOf(issue, s.ideal)) / span);
  return shape === "quadratic" ? 1 - d * d : 1 - d;
}

/** The points searched on an issue given its stakes' red lines, with their axis values. */
interface Pool {
  /** The red line of each stake it was computed for (the Monte Carlo redraws stakes, not red lines). */
  reds: (RedLine | undefined)[];
  points: IssueValue[];
  /** Whether every point crosses some red line (then all points are searched). */
  allCross: boolean;
  /** Axis value of each point; null on categorical issues. */
  axis: Float64Array | null;
}

const poolCache = new WeakMap<Issue, Pool>();

/** The candidate points no stake's red line excludes, cached while the issue's red lines stay the same. */
function searchPool(spec: IssueSpec, stakes: Stake[]): Pool {
  const issue = spec.issue;
  const cached = poolCache.get(issue);
  if (
    cached !== undefined &&
    cached.reds.length === stakes.length &&
    cached.reds.every((r, i) => r === stakes[i]!.position.redLine)
  ) {
    return cached;
  }
  const points = candidates(spec);
  const anyRedLine = stakes.some((s) => s.position.redLine !== undefined);
  const allowed = anyRedLine
    ? points.filter((x) => !stakes.some((s) => crossesRedLine(s.position, issue, x)))
    : points;
  const pool = allowed.length > 0 ? allowed : points;
  const out: Pool = {
    reds: stakes.map((s) => s.position.redLine),
    points: pool,
    allCross: allowed.length === 0,
    axis: issue.kind === "categorical" ? null : Float64Array.from(pool, (x) => axisOf(issue, x)),
  };
  poolCache.set(issue, out);
  return out;
}

/** Scratch for the utility matrix, grown as needed: a Monte Carlo scores thousands of issues. */
let scratch = new Float64Array(1024);

/**
 * Every stake's utility at every point of the pool, flat: row i (stake) starts at i × points.
 * Linear and quadratic shapes on an axis use the same formulas as `issueUtility`.
 */
function utilityMatrix(spec: IssueSpec, stakes: Stake[], pool: Pool): Float64Array {
  const issue = spec.issue;
  const points = pool.points;
  const np = points.length;
  if (scratch.length < stakes.length * np) scratch = new Float64Array(stakes.length * np * 2);
  const u = scratch;
  const { lo, hi } = axisInfo(issue);
  const span = hi - lo || 1;
  const axis = pool.axis;
  stakes.forEach((s, i) => {
    const row = i * np;
    const shape = s.position.utility ?? "linear";
    if (axis === null || typeof shape === "object") {
      for (let k = 0; k < np; k++) u[row + k] = utilityOf(spec, s, points[k]!);
      return;
    }
    const ideal = axisOf(issue, s.ideal);
    for (let k = 0; k < np; k++) {
      const d = Math.min(1, Math.abs(axis[k]! - ideal) / span);
      u[row + k] = shape === "quadratic" ? 1 - d * d : 1 - d;
    }
  });
  return u;
}

/**
 * The disagreement utility of an actor: its stated BATNA, else its utility for the status quo (its
 * own reading of it where it gives one), else 0 — talks failing leave it with nothing.
 */
export function disagreementUtility(spec: IssueSpec, s: Stake, batna: Record<string, number>): number {
  if (batna[s.actor] !== undefined) return batna[s.actor]!;
  const sq = s.position.statusQuo ?? spec.statusQuo;
  return sq === undefined ? 0 : stakeUtility(spec, s, sq);
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
  const searched = searchPool(spec, stakes);
  const pool = searched.points;
  const np = pool.length;
  // Typed arrays: an Array of numbers changes shape with its values (all integers or not), and
  // every new shape costs the Monte Carlo a recompilation of this function.
  const d = new Float64Array(stakes.length);
  const w = new Float64Array(stakes.length);
  for (let i = 0; i < stakes.length; i++) {
    const s = stakes[i]!;
    d[i] = disagreementUtility(spec, s, batna);
    w[i] = s.capability * s.salience;
  }
  const u = utilityMatrix(spec, stakes, searched);
  let best: IssueValue | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < np; k++) {
    let score = 0;
    for (let i = 0; i < stakes.length && score > Number.NEGATIVE_INFINITY; i++) {
      const gain = u[i * np + k]! - d[i]!;
      score = gain > 1e-12 ? score + w[i]! * Math.log(gain) : Number.NEGATIVE_INFINITY;
    }
    if (score > bestScore) {
      bestScore = score;
      best = pool[k];
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
  if (searched.allCross) note = "every point crosses some actor's red line; red lines ignored";
  const f: IssueModelForecast =
    spec.issue.kind === "categorical"
      ? { issue: spec.issue.id, model: "nash", value: null, outcome: best! }
      : { ...pointForecast(spec, "nash", 0), value: axisOf(spec.issue, best!), outcome: best! };
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
