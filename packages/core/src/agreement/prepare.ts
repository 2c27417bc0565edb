import type { AgreementSpace } from "./space.js";

/**
 * A space readied for search: only options no actor rejects, issues reordered so the most
 * contested come first (bounds tighten fastest there), and per-depth suffix sums of each actor's
 * best and worst remaining utility — the admissible bounds of every branch and bound here.
 */
export interface Prepared {
  space: AgreementSpace;
  A: number;
  I: number;
  /** order[depth] = issue index in the space. */
  order: Int32Array;
  /** opts[depth] = option indices (in the space) that cross no red line. */
  opts: Int32Array[];
  /** u[depth][k · A + a] = actor a's utility of opts[depth][k]. */
  u: Float64Array[];
  /** maxRem[d · A + a] = Σ over depths ≥ d of actor a's best remaining utility. */
  maxRem: Float64Array;
  minRem: Float64Array;
  /** size[d] = number of completions from depth d (product of remaining option counts). */
  size: Float64Array;
  /** Each actor must reach at least this utility (its disagreement point unless overridden). */
  thresholds: Float64Array;
  /** True when some issue has no option every actor tolerates: nothing can be acceptable. */
  blocked: boolean;
  /** Issues (ids) on which every option crosses somebody's red line. */
  blockedIssues: string[];
}

export interface PrepareOptions {
  /** Utility each actor must reach; defaults to the disagreement utilities. */
  thresholds?: ArrayLike<number>;
  /** Red-line masks to use instead of the space's (e.g. with some red lines relaxed). */
  allowed?: Uint8Array[];
  /** Ignore red lines entirely (used to ask "would anything work without them?"). */
  ignoreRedLines?: boolean;
}

/** Readies a space for search; see {@link Prepared}. Cost O(issues · options · actors). */
export function prepare(space: AgreementSpace, options: PrepareOptions = {}): Prepared {
  const A = space.actors.length;
  const I = space.issues.length;
  const allowed = options.allowed ?? space.allowed;
  const kept: { issue: number; opts: number[]; spread: number }[] = [];
  const blockedIssues: string[] = [];
  for (let i = 0; i < I; i++) {
    const K = space.issues[i]!.options.length;
    const util = space.util[i]!;
    const mask = allowed[i]!;
    const opts: number[] = [];
    for (let o = 0; o < K; o++) {
      let ok = true;
      if (!options.ignoreRedLines) {
        for (let a = 0; a < A; a++) {
          if (!mask[o * A + a]) {
            ok = false;
            break;
          }
        }
      }
      if (ok) opts.push(o);
    }
    if (opts.length === 0) blockedIssues.push(space.issues[i]!.id);
    let spread = 0;
    for (let a = 0; a < A; a++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const o of opts) {
        const v = util[o * A + a]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (opts.length) spread += hi - lo;
    }
    kept.push({ issue: i, opts, spread });
  }
  // Most contested issues first; ties keep the scenario's order so results are reproducible.
  kept.sort((x, y) => y.spread - x.spread || x.issue - y.issue);
  const order = Int32Array.from(kept.map((k) => k.issue));
  const opts = kept.map((k) => Int32Array.from(k.opts));
  const u = kept.map((k) => {
    const src = space.util[k.issue]!;
    const out = new Float64Array(k.opts.length * A);
    k.opts.forEach((o, j) => {
      for (let a = 0; a < A; a++) out[j * A + a] = src[o * A + a]!;
    });
    return out;
  });
  const maxRem = new Float64Array((I + 1) * A);
  const minRem = new Float64Array((I + 1) * A);
  const size = new Float64Array(I + 1);
  size[I] = 1;
  for (let d = I - 1; d >= 0; d--) {
    const n = opts[d]!.length;
    size[d] = size[d + 1]! * n;
    for (let a = 0; a < A; a++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < n; k++) {
        const v = u[d]![k * A + a]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (n === 0) lo = hi = 0;
      maxRem[d * A + a] = maxRem[(d + 1) * A + a]! + hi;
      minRem[d * A + a] = minRem[(d + 1) * A + a]! + lo;
    }
  }
  const thresholds = Float64Array.from(options.thresholds ?? space.disagreement);
  return {
    space,
    A,
    I,
    order,
    opts,
    u,
    maxRem,
    minRem,
    size,
    thresholds,
    blocked: blockedIssues.length > 0,
    blockedIssues,
  };
}

/**
 * Suffix sums of the best weighted option: out[d] = Σ over depths ≥ d of max_k Σ_a w_a·u[k,a].
 * For w ≥ 0 this bounds Σ_a w_a·u_a over every completion — the surrogate (Lagrangian) relaxation
 * that couples the actors, where per-actor maxima treat them as if they never disagreed.
 */
export function weightedSuffixMax(p: Prepared, w: ArrayLike<number>): Float64Array {
  const { A, I } = p;
  const out = new Float64Array(I + 1);
  for (let d = I - 1; d >= 0; d--) {
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    let best = n ? -Infinity : 0;
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += w[a]! * ud[k * A + a]!;
      if (s > best) best = s;
    }
    out[d] = out[d + 1]! + best;
  }
  return out;
}

/** The unconstrained maximiser of Σ_a w_a·u_a (one best option per issue), as option positions per depth. */
export function weightedArgmax(p: Prepared, w: ArrayLike<number>): Int32Array {
  const { A, I } = p;
  const pick = new Int32Array(I);
  for (let d = 0; d < I; d++) {
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    let best = -Infinity;
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += w[a]! * ud[k * A + a]!;
      if (s > best) {
        best = s;
        pick[d] = k;
      }
    }
  }
  return pick;
}

/** Converts option positions per depth back to a package in the space's own issue and option order. */
export function toPackage(p: Prepared, picks: ArrayLike<number>): number[] {
  const pkg = new Array<number>(p.I).fill(0);
  for (let d = 0; d < p.I; d++) pkg[p.order[d]!] = p.opts[d]![picks[d]!]!;
  return pkg;
}
