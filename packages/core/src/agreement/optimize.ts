import { type Prepared, toPackage } from "./prepare.js";
import { UTILITY_EPS } from "./space.js";
import {
  feasibilitySurrogate,
  lagrangianSurrogate,
  makeSurrogate,
  maximinSurrogate,
  nashSurrogate,
  type Surrogate,
} from "./surrogate.js";

/** What "best" means for a package. Every objective is increasing in each actor's utility. */
export type Objective =
  /** Largest sum of utilities (Harsanyi 1955). */
  | { kind: "utilitarian" }
  /**
   * Largest product of gains over the disagreement point (Nash 1950), among packages that leave
   * every actor strictly better off (a zero gain makes the product 0 for every such package).
   */
  | { kind: "nash" }
  /**
   * Nash's product extended to spaces where it is 0 for every acceptable package: first the most
   * actors with a positive gain, then the largest product of those gains. Where some package gives
   * every actor a positive gain this is the Nash package; the score is k·C + Σ log(gain) over the k
   * gaining actors, with C = NASH_LEX_UNIT(A) large enough that one more gaining actor always wins.
   */
  | { kind: "nashLex" }
  /** Largest smallest gain over the disagreement point (Kalai 1977, egalitarian solution). */
  | { kind: "egalitarian" }
  /** Largest smallest gain as a share of the actor's best acceptable gain (Kalai & Smorodinsky 1975). */
  | { kind: "ks"; utopia: ArrayLike<number> }
  /** One actor's own best acceptable package (its utopia coordinate). */
  | { kind: "actor"; actor: number }
  /** Largest weighted sum of utilities (weights ≥ 0): a supported point of the Pareto frontier. */
  | { kind: "weighted"; weights: ArrayLike<number> };

export interface OptimizeOptions {
  /** Stop after this many search nodes and report a proven bound instead of a proof of optimality. @default 50_000_000 */
  nodeBudget?: number;
  /**
   * Seek only packages scoring strictly above this value (a known incumbent, e.g. the optimum of a
   * tighter space): the search prunes against it from the first node. When no package beats it the
   * result has no package; `exact` then means none exists.
   */
  above?: number;
  /**
   * Surrogate weights to use as they are instead of optimising them for this space (150 subgradient
   * steps each), e.g. the weights of a closely related space. Any non-negative weights give valid
   * bounds, so the answer is the same; only the number of nodes searched changes.
   */
  surrogateWeights?: { feasibility?: Float64Array; objective?: Float64Array };
}

/** The best acceptable package under an objective, with a proof status. */
export interface Optimum {
  /** null when no package is acceptable to every actor. */
  package: number[] | null;
  /** Each actor's utility for that package. */
  utilities: number[];
  /** Objective score of the package (for Nash: the log of the product of gains). */
  value: number;
  /** True when the search proved no acceptable package scores higher. */
  exact: boolean;
  /** Proven upper bound on the score of any acceptable package (equals value when exact). */
  upperBound: number;
  nodes: number;
}

/** Gains this small count as zero in the Nash product. */
export const NASH_FLOOR = 1e-12;

/**
 * The weight of one gaining actor in the "nashLex" score: more than A·|log NASH_FLOOR| (about 27.6·A),
 * so that k + 1 gaining actors outscore k whatever their gains (gains are at most 1 on the space's
 * scale, so each log is ≤ 0 and > log NASH_FLOOR).
 */
export function nashLexUnit(A: number): number {
  return 28 * (A + 1);
}

/** The "nashLex" score: Σ (unit + log gain) over the actors whose gain exceeds NASH_FLOOR. */
function nashLexScore(u: ArrayLike<number>, t: ArrayLike<number>): number {
  const unit = nashLexUnit(t.length);
  let s = 0;
  for (let a = 0; a < t.length; a++) {
    const g = u[a]! - t[a]!;
    if (g > NASH_FLOOR) s += unit + Math.log(g);
  }
  return s;
}

/** Scores a utility vector under an objective; -Infinity when it misses a threshold. */
export function objectiveValue(obj: Objective, u: ArrayLike<number>, t: ArrayLike<number>): number {
  const A = t.length;
  for (let a = 0; a < A; a++) if (u[a]! < t[a]! - UTILITY_EPS) return -Infinity;
  switch (obj.kind) {
    case "utilitarian": {
      let s = 0;
      for (let a = 0; a < A; a++) s += u[a]!;
      return s;
    }
    case "weighted": {
      let s = 0;
      for (let a = 0; a < A; a++) s += obj.weights[a]! * u[a]!;
      return s;
    }
    case "actor":
      return u[obj.actor]!;
    case "nash": {
      let s = 0;
      for (let a = 0; a < A; a++) {
        const g = u[a]! - t[a]!;
        if (g <= NASH_FLOOR) return -Infinity;
        s += Math.log(g);
      }
      return s;
    }
    case "nashLex":
      return nashLexScore(u, t);
    case "egalitarian":
    case "ks": {
      let m = Infinity;
      for (let a = 0; a < A; a++) {
        const g = u[a]! - t[a]!;
        if (obj.kind === "ks") {
          const span = obj.utopia[a]! - t[a]!;
          if (span <= UTILITY_EPS) continue;
          m = Math.min(m, g / span);
        } else m = Math.min(m, g);
      }
      return m === Infinity ? 0 : m;
    }
  }
}

/**
 * Branch and bound for the best acceptable package. Issues are fixed one at a time (most contested
 * first); a branch is cut when some actor cannot reach its threshold even with its best remaining
 * options, when a surrogate constraint Σ_a λ_a(u_a − t_a) ≥ 0 cannot hold, or when the objective's
 * admissible bound — the objective at every actor's optimistic utility, and a surrogate bound that
 * couples the actors (see surrogate.ts) — cannot beat the incumbent. Children are tried best bound
 * first, so a good incumbent appears at the first dive.
 */
export function maximize(p: Prepared, obj: Objective, options: OptimizeOptions = {}): Optimum {
  const { A, I } = p;
  const budget = options.nodeBudget ?? 50_000_000;
  const t = p.thresholds;
  const empty: Optimum = {
    package: null,
    utilities: [],
    value: -Infinity,
    exact: true,
    upperBound: -Infinity,
    nodes: 0,
  };
  if (p.blocked) return empty;
  const given = options.surrogateWeights;
  const feas = given?.feasibility ? makeSurrogate(p, given.feasibility) : feasibilitySurrogate(p);
  if (feas.suffix[0]! - feas.wt < -UTILITY_EPS) return empty;

  // The objective's own surrogate, if it has one. 40 subgradient steps for the Nash and KS weights:
  // they only steer pruning, and on the shipped scenarios and the benchmark spaces the default 150
  // searched as many nodes or more (the weights are computed cold on every call, so steps cost).
  let objSur: Surrogate | null = null;
  let ksScale: Float64Array | null = null;
  // Linear objectives c·u: the Lagrangian bound, valued as surVal + Σ c_b·t_b (see lagrangianSurrogate).
  let linear: Float64Array | null = null;
  if (obj.kind === "utilitarian") linear = new Float64Array(A).fill(1);
  else if (obj.kind === "weighted") linear = Float64Array.from(obj.weights);
  else if (obj.kind === "actor") {
    linear = new Float64Array(A);
    linear[obj.actor] = 1;
  }
  let ct = 0;
  if (linear) {
    objSur = lagrangianSurrogate(p, linear);
    for (let a = 0; a < A; a++) ct += linear[a]! * t[a]!;
  }
  if (obj.kind === "nash")
    objSur = given?.objective ? makeSurrogate(p, given.objective) : nashSurrogate(p, 40);
  else if (obj.kind === "egalitarian") objSur = feas;
  else if (obj.kind === "ks") {
    ksScale = new Float64Array(A);
    for (let a = 0; a < A; a++) {
      const span = obj.utopia[a]! - t[a]!;
      ksScale[a] = span > UTILITY_EPS ? 1 / span : 0;
    }
    objSur = maximinSurrogate(p, ksScale, 40);
  }
  const surs: Surrogate[] = objSur && objSur !== feas ? [feas, objSur] : [feas];
  const S = surs.length;
  let logW = 0;
  if (obj.kind === "nash") for (let a = 0; a < A; a++) logW += Math.log(objSur!.w[a]!);

  const partial = new Float64Array((I + 1) * A);
  const sp = new Float64Array((I + 1) * S);
  const picks = new Int32Array(I);
  const bestPicks = new Int32Array(I);
  const maxK = Math.max(...p.opts.map((o) => o.length));
  const childBound = p.opts.map(() => new Float64Array(maxK));
  const childOrder = p.opts.map(() => new Int32Array(maxK));
  let best = options.above ?? -Infinity;
  let found = false;
  let nodes = 0;
  let abandoned = -Infinity;
  const ov = new Float64Array(A);

  /** Admissible bound for the child whose partial utilities start at partial[(d+1)·A]. */
  const bound = (d1: number): number => {
    const off = d1 * A;
    for (let a = 0; a < A; a++) {
      ov[a] = partial[off + a]! + p.maxRem[off + a]!;
      if (ov[a]! < t[a]! - UTILITY_EPS) return -Infinity;
    }
    for (let s = 0; s < S; s++) {
      if (sp[d1 * S + s]! + surs[s]!.suffix[d1]! - surs[s]!.wt < -UTILITY_EPS) return -Infinity;
    }
    const sObj = S - 1;
    const surVal = objSur ? sp[d1 * S + sObj]! + objSur.suffix[d1]! - objSur.wt : Infinity;
    switch (obj.kind) {
      case "utilitarian":
      case "weighted":
        return surVal + ct;
      case "actor":
        return Math.min(ov[obj.actor]!, surVal + ct);
      case "nash": {
        let s = 0;
        for (let a = 0; a < A; a++) s += Math.log(Math.max(ov[a]! - t[a]!, NASH_FLOOR));
        const amgm = surVal > 0 ? A * Math.log(surVal / A) - logW : -Infinity;
        return Math.min(s, amgm);
      }
      case "nashLex":
        // Every term unit + log(gain) is positive, so the score at every actor's optimistic
        // utility bounds the score of any completion.
        return nashLexScore(ov, t);
      case "egalitarian":
      case "ks": {
        let m = Infinity;
        for (let a = 0; a < A; a++) {
          const g = ov[a]! - t[a]!;
          if (ksScale) {
            if (ksScale[a] === 0) continue;
            m = Math.min(m, g * ksScale[a]!);
          } else m = Math.min(m, g);
        }
        return Math.min(m === Infinity ? 0 : m, surVal);
      }
    }
  };

  const dfs = (d: number): void => {
    if (d === I) {
      const v = objectiveValue(obj, partial.subarray(I * A, I * A + A), t);
      if (v > best) {
        best = v;
        found = true;
        bestPicks.set(picks);
      }
      return;
    }
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    const cb = childBound[d]!;
    const co = childOrder[d]!;
    const off = d * A;
    const off1 = off + A;
    let m = 0;
    for (let k = 0; k < n; k++) {
      nodes++;
      for (let a = 0; a < A; a++) partial[off1 + a] = partial[off + a]! + ud[k * A + a]!;
      for (let s = 0; s < S; s++) {
        const w = surs[s]!.w;
        let x = sp[d * S + s]!;
        for (let a = 0; a < A; a++) x += w[a]! * ud[k * A + a]!;
        sp[(d + 1) * S + s] = x;
      }
      const b = bound(d + 1);
      if (b === -Infinity) continue;
      // Insertion sort by descending bound: option counts are small.
      let j = m++;
      while (j > 0 && cb[j - 1]! < b) {
        cb[j] = cb[j - 1]!;
        co[j] = co[j - 1]!;
        j--;
      }
      cb[j] = b;
      co[j] = k;
    }
    for (let j = 0; j < m; j++) {
      const b = cb[j]!;
      if (b <= best + 1e-12) break;
      if (nodes > budget) {
        if (b > abandoned) abandoned = b;
        break;
      }
      const k = co[j]!;
      picks[d] = k;
      for (let a = 0; a < A; a++) partial[off1 + a] = partial[off + a]! + ud[k * A + a]!;
      for (let s = 0; s < S; s++) {
        const w = surs[s]!.w;
        let x = sp[d * S + s]!;
        for (let a = 0; a < A; a++) x += w[a]! * ud[k * A + a]!;
        sp[(d + 1) * S + s] = x;
      }
      dfs(d + 1);
    }
  };
  dfs(0);
  const exact = abandoned === -Infinity;
  if (!found) {
    return { ...empty, exact, upperBound: exact ? -Infinity : abandoned, nodes };
  }
  const pkg = toPackage(p, bestPicks);
  const utilities = new Array<number>(A).fill(0);
  for (let d = 0; d < I; d++) for (let a = 0; a < A; a++) utilities[a]! += p.u[d]![bestPicks[d]! * A + a]!;
  return {
    package: pkg,
    utilities,
    value: best,
    exact,
    upperBound: exact ? best : Math.max(best, abandoned),
    nodes,
  };
}
