/**
 * The compromise model with each actor's influence learned from recorded outcomes.
 *
 * The compromise model forecasts the weighted mean of the actors' positions, each weighted by
 * capability × salience (Achen 2006; Thomson et al., *The European Union Decides*, 2006). How much
 * weight each actor really carries is the question Thomson & Hosli (2006, "Who has power in the
 * EU? The Commission, Council and Parliament in legislative decision-making", JCMS 44(2)) and
 * Thomson (2011, *Resolving Controversy in the European Union*, ch. 8) answer from DEU's outcomes:
 * they compare variants of this model with different weights for the Commission, the Parliament and
 * the member states and keep the one that forecasts best (the Council-centric one). This model
 * generalises their variants: every actor's weight is capability^a × salience^b × m_actor, with one
 * multiplier m = e^θ per actor fitted to recorded outcomes by least absolute error (smoothed) with a
 * ridge penalty λ Σ θ² that shrinks every multiplier toward 1 — at λ → ∞ (and a = b = 1) it is the
 * compromise model. λ, a and b are chosen by cross-validation on the training issues only.
 *
 * Pure and deterministic: limited-memory BFGS (Nocedal & Wright 2006, alg. 7.4–7.5) from θ = 0
 * with a backtracking Armijo line search.
 */

import type { Learner } from "./backtest.js";
import { foldsOf } from "./folds.js";
import type { IssueSpec } from "./forecast-input.js";
import { toUnit } from "./forecast-input.js";

/** The hyperparameters of one fit. */
export interface InfluenceSettings {
  /** Ridge penalty on the log multipliers (per actor, against a mean absolute error in points). */
  lambda: number;
  /** Exponent a on capability. */
  capabilityExponent: number;
  /** Exponent b on salience. */
  salienceExponent: number;
}

/** Issues compiled for fitting: every stake with a positive capability × salience, flat. */
export interface InfluenceData {
  /** Actor ids; `actor[j]` indexes this list. */
  actors: string[];
  /** Stakes of issue i are start[i] .. start[i+1]−1. */
  start: Int32Array;
  actor: Int32Array;
  /** Position on 0..100. */
  x: Float64Array;
  capability: Float64Array;
  salience: Float64Array;
}

/** Compiles issues for fitting (positions on the 0..100 scale; actors in order of first appearance). */
export function influenceData(specs: readonly IssueSpec[]): InfluenceData {
  const index = new Map<string, number>();
  const actor: number[] = [];
  const x: number[] = [];
  const cap: number[] = [];
  const sal: number[] = [];
  const start = new Int32Array(specs.length + 1);
  specs.forEach((spec, i) => {
    start[i] = actor.length;
    for (const s of spec.stakes) {
      if (!(s.capability * s.salience > 0)) continue;
      let k = index.get(s.actor);
      if (k === undefined) {
        k = index.size;
        index.set(s.actor, k);
      }
      actor.push(k);
      x.push(toUnit(spec.issue, s.ideal));
      cap.push(s.capability);
      sal.push(s.salience);
    }
  });
  start[specs.length] = actor.length;
  return {
    actors: [...index.keys()],
    start,
    actor: Int32Array.from(actor),
    x: Float64Array.from(x),
    capability: Float64Array.from(cap),
    salience: Float64Array.from(sal),
  };
}

/** Smoothing of the absolute error, in points: the loss is √(e² + δ²) − δ. */
const DELTA = 1;

function baseWeights(d: InfluenceData, s: InfluenceSettings): Float64Array {
  const b = new Float64Array(d.x.length);
  for (let j = 0; j < b.length; j++)
    b[j] = d.capability[j]! ** s.capabilityExponent * d.salience[j]! ** s.salienceExponent;
  return b;
}

/** The forecast (0..100) of issue i under log multipliers θ: Σ w x / Σ w with w = base × e^θ. */
function predictOne(d: InfluenceData, base: Float64Array, theta: Float64Array, i: number): number {
  let num = 0;
  let den = 0;
  for (let j = d.start[i]!; j < d.start[i + 1]!; j++) {
    const w = base[j]! * Math.exp(theta[d.actor[j]!]!);
    num += w * d.x[j]!;
    den += w;
  }
  return num / den;
}

/** Loss and gradient at θ over the training issues. */
function lossAndGradient(
  d: InfluenceData,
  base: Float64Array,
  outcome: ArrayLike<number>,
  train: readonly number[],
  lambda: number,
  theta: Float64Array,
  grad: Float64Array,
  buffer: Float64Array,
  mult: Float64Array,
): number {
  grad.fill(0);
  let loss = 0;
  const n = train.length;
  const w = buffer;
  for (let k = 0; k < theta.length; k++) mult[k] = Math.exp(theta[k]!);
  for (const i of train) {
    const a = d.start[i]!;
    const b = d.start[i + 1]!;
    let num = 0;
    let den = 0;
    for (let j = a; j < b; j++) {
      const wj = base[j]! * mult[d.actor[j]!]!;
      w[j - a] = wj;
      num += wj * d.x[j]!;
      den += wj;
    }
    const p = num / den;
    const e = p - outcome[i]!;
    const r = Math.sqrt(e * e + DELTA * DELTA);
    loss += r - DELTA;
    const g = e / r / n / den;
    for (let j = a; j < b; j++) grad[d.actor[j]!] = grad[d.actor[j]!]! + g * w[j - a]! * (d.x[j]! - p);
  }
  loss /= n;
  for (let k = 0; k < theta.length; k++) {
    loss += lambda * theta[k]! * theta[k]!;
    grad[k] = grad[k]! + 2 * lambda * theta[k]!;
  }
  return loss;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Minimises f by limited-memory BFGS (memory 7) with a backtracking Armijo line search, from x0.
 * Stops when the gradient's largest component is below 1e-7 or a step gains less than 1e-9 of f.
 */
export function lbfgs(
  f: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  maxIterations = 200,
): Float64Array {
  const n = x0.length;
  const m = 7;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  for (let it = 0; it < maxIterations; it++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax < 1e-7) break;
    // Two-loop recursion: direction = −H g.
    const q = Float64Array.from(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(S[k]!, q);
      for (let i = 0; i < n; i++) q[i] = q[i]! - alpha[k]! * Y[k]![i]!;
    }
    const gamma =
      S.length > 0 ? dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!) : 1;
    for (let i = 0; i < n; i++) q[i] = q[i]! * gamma;
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, q);
      for (let i = 0; i < n; i++) q[i] = q[i]! + S[k]![i]! * (alpha[k]! - beta);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      q[i] = -q[i]!;
      slope += q[i]! * g[i]!;
    }
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) q[i] = -g[i]!;
      slope = -dot(g, g);
    }
    let step = 1;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = Number.POSITIVE_INFINITY;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + step * q[i]!;
      fn = f(xn, gn);
      if (fn <= fx + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fn <= fx + 1e-4 * step * slope)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      y[i] = gn[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const gain = fx - fn;
    x = xn;
    g = gn;
    fx = fn;
    if (gain < 1e-9 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}

/** A fitted influence model: its settings and one multiplier per actor seen in training. */
export interface InfluenceFit {
  settings: InfluenceSettings;
  /** e^θ per actor id; actors absent from the training issues keep 1. */
  multipliers: Record<string, number>;
}

/** Fits the log multipliers θ (one per actor of `d`) on the training issues, from `start` (default 0). */
export function fitInfluenceTheta(
  d: InfluenceData,
  outcome: ArrayLike<number>,
  train: readonly number[],
  settings: InfluenceSettings,
  start?: Float64Array,
): Float64Array {
  const base = baseWeights(d, settings);
  let widest = 0;
  for (let i = 0; i + 1 < d.start.length; i++) widest = Math.max(widest, d.start[i + 1]! - d.start[i]!);
  const buffer = new Float64Array(widest);
  const mult = new Float64Array(d.actors.length);
  return lbfgs(
    (theta, grad) => lossAndGradient(d, base, outcome, train, settings.lambda, theta, grad, buffer, mult),
    start ?? new Float64Array(d.actors.length),
  );
}

/** Forecasts (0..100) of the given issues of `d` under log multipliers θ. */
export function predictInfluence(
  d: InfluenceData,
  theta: Float64Array,
  settings: InfluenceSettings,
  issues: readonly number[],
): Float64Array {
  const base = baseWeights(d, settings);
  return Float64Array.from(issues, (i) => predictOne(d, base, theta, i));
}

/**
 * The settings the model chooses among: λ from light to heavy shrinkage, and the compromise
 * model's weights (a = b = 1) or their square roots (a = b = ½). Fixed before any fit.
 */
export const INFLUENCE_GRID: readonly InfluenceSettings[] = [1, 0.5].flatMap((e) =>
  [0.3, 0.1, 0.03, 0.01].map((lambda) => ({ lambda, capabilityExponent: e, salienceExponent: e })),
);

/** A setting's label for reports. */
export function influenceLabel(s: InfluenceSettings): string {
  return `λ ${s.lambda}, capability^${s.capabilityExponent} × salience^${s.salienceExponent}`;
}

/**
 * Every setting of `grid` fitted on `train`; a setting that differs from the one before only in λ
 * starts from that one's fit (the grid lists λ from heavy to light), which saves iterations.
 */
function fitGrid(
  d: InfluenceData,
  outcome: ArrayLike<number>,
  train: readonly number[],
  grid: readonly InfluenceSettings[],
): Float64Array[] {
  const thetas: Float64Array[] = [];
  grid.forEach((s, k) => {
    const prev = grid[k - 1];
    const same =
      prev &&
      prev.capabilityExponent === s.capabilityExponent &&
      prev.salienceExponent === s.salienceExponent;
    thetas.push(fitInfluenceTheta(d, outcome, train, s, same ? thetas[k - 1] : undefined));
  });
  return thetas;
}

/**
 * Chooses the setting with the least cross-validated absolute error on `train` (`innerFolds`
 * seeded folds of the training issues; first on ties), and returns its fit on all of `train`. Nothing
 * outside `train` is read: the outcomes of other issues never reach the fit.
 */
export function chooseAndFitInfluence(
  d: InfluenceData,
  outcome: ArrayLike<number>,
  train: readonly number[],
  options: {
    innerFolds?: number;
    seed?: number;
    grid?: readonly InfluenceSettings[];
    /** Fits every setting of the grid on a training set (e.g. a shared `gridFitter`). */
    fitGrid?: GridFitter;
  } = {},
): { settings: InfluenceSettings; theta: Float64Array } {
  const grid = options.grid ?? INFLUENCE_GRID;
  const fitAll = options.fitGrid ?? ((o: ArrayLike<number>, t: readonly number[]) => fitGrid(d, o, t, grid));
  const J = options.innerFolds ?? 5;
  const fold = foldsOf(train.length, J, options.seed ?? 1);
  const err = new Float64Array(grid.length);
  for (let j = 0; j < J; j++) {
    const itrain: number[] = [];
    const ival: number[] = [];
    train.forEach((i, r) => {
      (fold[r] === j ? ival : itrain).push(i);
    });
    const thetas = fitAll(outcome, itrain);
    grid.forEach((s, k) => {
      const p = predictInfluence(d, thetas[k]!, s, ival);
      ival.forEach((i, r) => {
        err[k] = err[k]! + Math.abs(p[r]! - outcome[i]!);
      });
    });
  }
  let best = 0;
  for (let k = 1; k < grid.length; k++) if (err[k]! < err[best]!) best = k;
  return { settings: grid[best]!, theta: fitAll(outcome, train)[best]! };
}

/** Fits every setting of a grid on the training issues `train` (outcomes of `train` only are read). */
export type GridFitter = (outcome: ArrayLike<number>, train: readonly number[]) => Float64Array[];

/**
 * A grid fitter that remembers its fits by training set and training outcomes: nested
 * cross-validation fits the same inner training sets for "selected" and for `influence-cv`, and
 * the same outer ones for `influence` and `influence-cv`. A fit depends on nothing else, so a
 * remembered one is the one that would be computed.
 */
export function gridFitter(
  d: InfluenceData,
  grid: readonly InfluenceSettings[] = INFLUENCE_GRID,
): GridFitter {
  const memo = new Map<string, Float64Array[]>();
  return (outcome, train) => {
    const key = `${train.join(",")}|${train.map((i) => outcome[i]).join(",")}`;
    let fits = memo.get(key);
    if (!fits) {
      fits = fitGrid(d, outcome, train, grid);
      memo.set(key, fits);
    }
    return fits;
  };
}

/** The multipliers of a fit by actor id. */
export function influenceMultipliers(d: InfluenceData, theta: Float64Array): Record<string, number> {
  return Object.fromEntries(d.actors.map((a, k) => [a, Math.exp(theta[k]!)]));
}

/**
 * The forecast (0..100) of one issue under a fitted influence model: the weighted mean of positions
 * with weights capability^a × salience^b × m_actor (m = 1 for actors the fit never saw). Null when
 * no actor has a positive capability × salience.
 */
export function influenceForecast(spec: IssueSpec, fit: InfluenceFit): number | null {
  let num = 0;
  let den = 0;
  const { capabilityExponent: a, salienceExponent: b } = fit.settings;
  for (const s of spec.stakes) {
    if (!(s.capability * s.salience > 0)) continue;
    const w = s.capability ** a * s.salience ** b * (fit.multipliers[s.actor] ?? 1);
    num += w * toUnit(spec.issue, s.ideal);
    den += w;
  }
  return den > 0 ? num / den : null;
}

/**
 * The model as shipped: every setting of `grid` fitted on `train`, the forecast the plain average of
 * their forecasts. Averaging over a grid fixed in advance chooses nothing from the data (Clemen 1989:
 * the equal-weight combination is the hardest to beat out of sample), so only the multipliers are
 * fitted, on `train` alone.
 */
export function fitInfluenceAverage(
  d: InfluenceData,
  outcome: ArrayLike<number>,
  train: readonly number[],
  grid: readonly InfluenceSettings[] = INFLUENCE_GRID,
): Float64Array[] {
  return fitGrid(d, outcome, train, grid);
}

/** Forecasts (0..100) of the given issues by the average of a grid's fits. */
export function predictInfluenceAverage(
  d: InfluenceData,
  thetas: readonly Float64Array[],
  issues: readonly number[],
  grid: readonly InfluenceSettings[] = INFLUENCE_GRID,
): Float64Array {
  const out = new Float64Array(issues.length);
  grid.forEach((s, k) => {
    const p = predictInfluence(d, thetas[k]!, s, issues);
    for (let r = 0; r < out.length; r++) out[r] = out[r]! + p[r]! / grid.length;
  });
  return out;
}

/**
 * The influence model as a backtest learner: the multipliers of every setting of the grid fitted on
 * the training issues, the forecast their average (what `entente forecast --model influence` ships).
 */
export function influenceLearner(d: InfluenceData, fit: GridFitter = gridFitter(d)): Learner {
  return {
    name: "influence",
    description:
      "compromise model with per-actor influence multipliers fitted on training folds (ridge-shrunk to 1), averaged over a fixed grid of λ and exponents",
    fitPredict(outcome, train, test) {
      const thetas = fit(outcome, train);
      return {
        predictions: predictInfluenceAverage(d, thetas, test),
        chosen: `average of ${INFLUENCE_GRID.length} fits`,
      };
    },
  };
}

/**
 * The influence model with one setting chosen per fit by an inner cross-validation of the training
 * issues. It has a cross-validation of its own, so "selected" does not consider it (that would be
 * a third level of folds).
 */
export function influenceCvLearner(
  d: InfluenceData,
  innerFolds = 5,
  fit: GridFitter = gridFitter(d),
): Learner {
  return {
    name: "influence-cv",
    description: "influence model with λ and exponents chosen by inner cross-validation on training folds",
    selectable: false,
    fitPredict(outcome, train, test, seed) {
      const f = chooseAndFitInfluence(d, outcome, train, { innerFolds, seed, fitGrid: fit });
      return {
        predictions: predictInfluence(d, f.theta, f.settings, test),
        chosen: influenceLabel(f.settings),
      };
    },
  };
}

/**
 * The fits the shipped `influence` model uses: every setting of the grid fitted on all the given
 * issues (for the shipped model: the usable issues of DEU III's dev half, nothing else).
 */
export function fitInfluenceModel(specs: readonly IssueSpec[], outcome: ArrayLike<number>): InfluenceFit[] {
  const d = influenceData(specs);
  const all = specs.map((_, i) => i);
  return fitInfluenceAverage(d, outcome, all).map((theta, k) => ({
    settings: INFLUENCE_GRID[k]!,
    multipliers: influenceMultipliers(d, theta),
  }));
}
