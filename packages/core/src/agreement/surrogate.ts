import { type Prepared, weightedArgmax, weightedSuffixMax } from "./prepare.js";

/** A weight vector on the actors' utilities with its suffix-maximum table (see weightedSuffixMax). */
export interface Surrogate {
  /** Weights on raw utilities u_a (≥ 0). */
  w: Float64Array;
  /** Σ_a w_a · threshold_a, subtracted to turn utilities into gains. */
  wt: number;
  suffix: Float64Array;
}

/** A surrogate for given weights: its suffix maxima and its weighted thresholds. */
export function makeSurrogate(p: Prepared, w: Float64Array): Surrogate {
  let wt = 0;
  for (let a = 0; a < p.A; a++) wt += w[a]! * p.thresholds[a]!;
  return { w, wt, suffix: weightedSuffixMax(p, w) };
}

function gainsOf(p: Prepared, picks: Int32Array, out: Float64Array): void {
  out.fill(0);
  for (let d = 0; d < p.I; d++) {
    const base = picks[d]! * p.A;
    for (let a = 0; a < p.A; a++) out[a]! += p.u[d]![base + a]!;
  }
  for (let a = 0; a < p.A; a++) out[a]! -= p.thresholds[a]!;
}

/** max over packages of Σ_a w_a·(u_a − t_a) — separable, each issue's best option — with the maximiser's gains in g. */
function weightedGainMax(p: Prepared, w: Float64Array, g: Float64Array): number {
  gainsOf(p, weightedArgmax(p, w), g);
  let val = 0;
  for (let a = 0; a < p.A; a++) val += w[a]! * g[a]!;
  return val;
}

/**
 * Weights λ on the simplex that (approximately) minimise max_x Σ_a λ_a·c_a·(u_a(x) − t_a), by
 * exponentiated-gradient descent (Kivinen & Warmuth 1997) on this convex piecewise-linear function.
 * Whatever λ comes out, the value is a valid upper bound on the maximin of scaled gains (LP
 * duality: min_a y_a ≤ Σ λ_a y_a); a negative value proves no package gives everyone its threshold.
 */
export function maximinSurrogate(p: Prepared, scale: ArrayLike<number>, iterations = 150): Surrogate {
  const A = p.A;
  // Only actors with a positive scale take part in the minimum (KS leaves out an actor whose utopia
  // gain is 0): λ lives on their simplex. Mass on the others would weaken min ≤ Σ λ·y into an
  // invalid bound (it pulled the KS bound to 0 and cut the optimum).
  let active = 0;
  for (let a = 0; a < A; a++) if (scale[a]! > 0) active++;
  if (active === 0) return makeSurrogate(p, new Float64Array(A));
  let lam = new Float64Array(A);
  for (let a = 0; a < A; a++) lam[a] = scale[a]! > 0 ? 1 / active : 0;
  const w = new Float64Array(A);
  const g = new Float64Array(A);
  let bestVal = Infinity;
  let bestW = new Float64Array(A);
  for (let it = 0; it < iterations; it++) {
    for (let a = 0; a < A; a++) w[a] = lam[a]! * scale[a]!;
    const val = weightedGainMax(p, w, g);
    if (val < bestVal) {
      bestVal = val;
      bestW = Float64Array.from(w);
    }
    const eta = 2 / Math.sqrt(it + 1);
    let z = 0;
    const next = new Float64Array(A);
    for (let a = 0; a < A; a++) {
      next[a] = lam[a]! * Math.exp(-eta * g[a]! * scale[a]!);
      z += next[a]!;
    }
    for (let a = 0; a < A; a++) next[a] = scale[a]! > 0 ? Math.max(next[a]! / z, 1e-9) : 0;
    lam = next;
  }
  return makeSurrogate(p, bestW);
}

/**
 * Weights for the AM–GM bound on the Nash product: for any w > 0,
 * Π_a g_a ≤ (Σ_a w_a·g_a / A)^A / Π_a w_a, and Σ_a w_a·g_a is separable over issues. The bound is
 * tightest when w_a·g_a is equal across actors (w ∝ 1/g at the Nash point, the KKT condition of
 * Nash 1950 on the convex hull); we descend on log w to approach that.
 */
export function nashSurrogate(p: Prepared, iterations = 150): Surrogate {
  const A = p.A;
  const theta = new Float64Array(A);
  const w = new Float64Array(A);
  const g = new Float64Array(A);
  let best = Infinity;
  let bestW = new Float64Array(A).fill(1);
  for (let it = 0; it < iterations; it++) {
    for (let a = 0; a < A; a++) w[a] = Math.exp(theta[a]!);
    const m = weightedGainMax(p, w, g);
    let logw = 0;
    for (let a = 0; a < A; a++) logw += theta[a]!;
    if (m <= 0) return makeSurrogate(p, Float64Array.from(w));
    const h = A * Math.log(m / A) - logw;
    if (h < best) {
      best = h;
      bestW = Float64Array.from(w);
    }
    const eta = 0.5 / Math.sqrt(it + 1);
    for (let a = 0; a < A; a++) theta[a] = theta[a]! - eta * ((A * w[a]! * g[a]!) / m - 1);
  }
  return makeSurrogate(p, bestW);
}

/**
 * Weights for a Lagrangian bound on a weighted sum of utilities c·u (one actor's utility when c is
 * a unit vector): for any λ ≥ 0, every acceptable package has c·u ≤ c·u + Σ_b λ_b(u_b − t_b), whose
 * maximum is separable over issues (Fisher 1981, "The Lagrangian relaxation method for solving
 * integer programming problems"). The weights are c + λ, with λ from projected subgradient descent
 * on that maximum; any λ is valid, the descent only tightens the bound, and λ = 0 (the plain bound)
 * is the first candidate. The surrogate's value plus Σ_b c_b·t_b is the bound.
 */
export function lagrangianSurrogate(p: Prepared, c: ArrayLike<number>, iterations = 60): Surrogate {
  const A = p.A;
  const lam = new Float64Array(A);
  const w = new Float64Array(A);
  const g = new Float64Array(A);
  let best = Infinity;
  let bestW = Float64Array.from(c);
  for (let it = 0; it < iterations; it++) {
    for (let a = 0; a < A; a++) w[a] = lam[a]! + c[a]!;
    // max_x c·u + Σ λ_b (u_b − t_b) = max_x Σ (c_b + λ_b)·(u_b − t_b) + c·t, and c·t is fixed.
    const val = weightedGainMax(p, w, g);
    if (val < best) {
      best = val;
      bestW = Float64Array.from(w);
    }
    const eta = 1 / Math.sqrt(it + 1);
    for (let a = 0; a < A; a++) lam[a] = Math.max(0, lam[a]! - eta * g[a]!);
  }
  return makeSurrogate(p, bestW);
}

/** Surrogate weights proportional to 1/gain at a known package: the Nash KKT weights there. */
export function nashSurrogateAt(p: Prepared, gains: ArrayLike<number>): Surrogate {
  const w = new Float64Array(p.A);
  for (let a = 0; a < p.A; a++) w[a] = 1 / Math.max(gains[a]!, 1e-9);
  return makeSurrogate(p, w);
}

const feasibilityCache = new WeakMap<Prepared, Surrogate>();

/**
 * The maximin surrogate with unit scale, cached per prepared space: every search on the same space
 * (each actor's utopia, each bargaining solution, each Pareto weighting) shares it.
 */
export function feasibilitySurrogate(p: Prepared): Surrogate {
  let s = feasibilityCache.get(p);
  if (!s) {
    s = maximinSurrogate(p, new Float64Array(p.A).fill(1));
    feasibilityCache.set(p, s);
  }
  return s;
}
