import { type CountResult, countAcceptable } from "./count.js";
import { maximize, type Optimum } from "./optimize.js";
import { type Prepared, prepare, toPackage } from "./prepare.js";
import { type AgreementSpace, packageUtilities, UTILITY_EPS } from "./space.js";

/** A package on the Pareto frontier of the acceptable set, with every actor's utility. */
export interface FrontierPoint {
  package: number[];
  utilities: number[];
}

export interface ParetoResult {
  /**
   * True when `points` is the whole frontier (one package per distinct utility vector); false when
   * the frontier did not fit `maxPoints` and `points` is a subset — every listed point is still
   * proven Pareto-optimal (a maximiser of a strictly positive weighted sum).
   */
  complete: boolean;
  points: FrontierPoint[];
}

export interface ParetoOptions {
  /** Largest frontier kept in memory before falling back to a subset. @default 20_000 */
  maxPoints?: number;
  /** Size of the fallback subset. @default 24 */
  subset?: number;
  /** Seeded PRNG for the weights of the fallback subset. */
  rand?: () => number;
}

/**
 * True when x is at least y in every coordinate (within UTILITY_EPS): x Pareto-dominates y or
 * ties it, so y adds nothing to a frontier that holds x.
 */
function covers(x: Float64Array, xo: number, y: Float64Array, yo: number, A: number): boolean {
  for (let a = 0; a < A; a++) if (x[xo + a]! < y[yo + a]! - UTILITY_EPS) return false;
  return true;
}

/**
 * Bit signatures for a fast necessary test of covers(): with a cut c_a per coordinate, `high` has
 * bit a when v_a > c_a and `need` has bit a when v_a > c_a + UTILITY_EPS. If x covers y then
 * x_a ≥ y_a − ε > c_a wherever y needs bit a, so need(y) & ~high(x) must be 0. Most pairs of a large
 * frontier fail this one integer test, so kept points are grouped by `high` and a candidate scans
 * only the groups whose signature contains its `need` bits.
 */
/** Signature width: kept points are grouped by signature, 2^bits groups at most. */
const SIGNATURE_BITS = 10;

function signatures(u: Float64Array, n: number, A: number): { high: Int32Array; need: Int32Array } {
  const cut = new Float64Array(A);
  for (let i = 0; i < n; i++) for (let a = 0; a < A; a++) cut[a]! += u[i * A + a]!;
  for (let a = 0; a < A; a++) cut[a]! /= Math.max(n, 1);
  const high = new Int32Array(n);
  const need = new Int32Array(n);
  const bits = Math.min(A, SIGNATURE_BITS);
  for (let i = 0; i < n; i++) {
    let h = 0;
    let r = 0;
    for (let a = 0; a < bits; a++) {
      const v = u[i * A + a]!;
      if (v > cut[a]!) h |= 1 << a;
      if (v > cut[a]! + UTILITY_EPS) r |= 1 << a;
    }
    high[i] = h;
    need[i] = r;
  }
  return { high, need };
}

/**
 * The Pareto frontier of the packages every actor can accept, by dynamic programming over issues:
 * if a partial package is dominated by another with the same issues fixed, every completion of it
 * is dominated by the same completion of the other, and acceptability (u ≥ threshold) is monotone,
 * so only non-dominated partial packages need extending (the multi-objective DP principle, e.g.
 * Ehrgott 2005, ch. 9). Partial packages that cannot reach some actor's threshold are dropped.
 */
export function paretoFrontier(
  space: AgreementSpace,
  options: ParetoOptions = {},
  p = prepare(space),
): ParetoResult {
  const { A, I } = p;
  const cap = options.maxPoints ?? 20_000;
  if (p.blocked) return { complete: true, points: [] };
  let utils = new Float64Array(A);
  let picks: Int32Array[] = [new Int32Array(0)];
  let overflow = false;
  for (let d = 0; d < I && !overflow; d++) {
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    const m = picks.length;
    const candU = new Float64Array(m * n * A);
    const candP: Int32Array[] = [];
    const sums: number[] = [];
    let c = 0;
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < n; k++) {
        let ok = true;
        let s = 0;
        for (let a = 0; a < A; a++) {
          const v = utils[j * A + a]! + ud[k * A + a]!;
          candU[c * A + a] = v;
          s += v;
          if (v + p.maxRem[(d + 1) * A + a]! < p.thresholds[a]! - UTILITY_EPS) ok = false;
        }
        if (!ok) continue;
        const pk = new Int32Array(d + 1);
        pk.set(picks[j]!);
        pk[d] = k;
        candP[c] = pk;
        sums[c] = s;
        c++;
      }
    }
    // Sorted by descending sum, a point can only be covered by one before it.
    const idx = Array.from({ length: c }, (_, i) => i).sort((x, y) => sums[y]! - sums[x]!);
    const { high, need } = signatures(candU, c, A);
    const keep: number[] = [];
    const groups: number[][] = [];
    const present: number[] = [];
    for (const i of idx) {
      let covered = false;
      const ni = need[i]!;
      for (let g = 0; g < present.length && !covered; g++) {
        const key = present[g]!;
        if ((ni & ~key) !== 0) continue;
        for (const j of groups[key]!) {
          if (covers(candU, j * A, candU, i * A, A)) {
            covered = true;
            break;
          }
        }
      }
      if (!covered) {
        keep.push(i);
        const key = high[i]!;
        if (groups[key] === undefined) {
          groups[key] = [];
          present.push(key);
        }
        groups[key].push(i);
        if (keep.length > cap) {
          overflow = true;
          break;
        }
      }
    }
    if (overflow) break;
    const nextU = new Float64Array(keep.length * A);
    keep.forEach((i, r) => {
      nextU.set(candU.subarray(i * A, i * A + A), r * A);
    });
    utils = nextU;
    picks = keep.map((i) => candP[i]!);
  }
  if (!overflow) {
    const points: FrontierPoint[] = [];
    picks.forEach((pk, r) => {
      const u = Array.from(utils.subarray(r * A, r * A + A));
      if (u.every((v, a) => v >= p.thresholds[a]! - UTILITY_EPS))
        points.push({ package: toPackage(p, pk), utilities: u });
    });
    return { complete: true, points };
  }
  return { complete: false, points: supportedSubset(p, options) };
}

/** Pareto-optimal acceptable packages that maximise strictly positive weighted sums of utilities. */
function supportedSubset(p: Prepared, options: ParetoOptions): FrontierPoint[] {
  const want = options.subset ?? 24;
  const rand = options.rand ?? (() => 0.5);
  const seen = new Set<string>();
  const out: FrontierPoint[] = [];
  for (let round = 0; round < want * 3 && out.length < want; round++) {
    // First the equal weights, then each actor favoured in turn, then random weights.
    const w = new Float64Array(p.A).fill(1);
    if (round > 0 && round <= p.A) w[round - 1] = 4;
    else if (round > p.A) for (let a = 0; a < p.A; a++) w[a] = 0.05 + rand();
    const r = maximize(p, { kind: "weighted", weights: w }, { nodeBudget: 2_000_000 });
    if (!r.package || !r.exact) continue;
    const key = r.package.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ package: r.package, utilities: r.utilities });
  }
  return out;
}

/** Packages that leave every actor at least as well off as a proposal, and someone better. */
export interface Improvement {
  /** Each actor's utility for the proposal. */
  proposal: number[];
  /** Whether some acceptable package Pareto-dominates the proposal (proven either way when exact). */
  improvable: boolean;
  exact: boolean;
  /** The dominating package with the largest total utility: itself on the Pareto frontier. */
  best: Optimum | null;
  /** The package that maximises the product of every actor's gain over the proposal (all strictly better). */
  nashOverProposal: Optimum | null;
  /**
   * How many acceptable packages weakly dominate the proposal (the proposal itself and its ties
   * included when acceptable).
   */
  count: CountResult;
}

/**
 * Post-settlement improvement (Raiffa 1985; Inspire's post-settlement phase): given a proposed
 * package, the acceptable packages every actor likes at least as much — red lines still binding and
 * each actor at least at its disagreement utility, so the threshold of actor a is
 * max(u_a(proposal), d_a) — and the best of them. An acceptable proposal is Pareto-optimal in the
 * acceptable set exactly when `improvable` is false.
 */
export function improveOn(
  space: AgreementSpace,
  proposal: number[],
  options: { nodeBudget?: number } = {},
): Improvement {
  const u = packageUtilities(space, proposal);
  const thresholds = u.map((v, a) => Math.max(v, space.disagreement[a]!));
  const p = prepare(space, { thresholds });
  const best = maximize(p, { kind: "utilitarian" }, options);
  let total = 0;
  for (const v of u) total += v;
  const improvable = best.package !== null && best.value > total + 1e-9;
  const nash = maximize(p, { kind: "nash" }, options);
  return {
    proposal: Array.from(u),
    improvable,
    exact: best.exact,
    best: improvable ? best : null,
    nashOverProposal: nash.package ? nash : null,
    count: countAcceptable(p, { sample: 3, nodeBudget: options.nodeBudget ?? 5_000_000 }),
  };
}
