import type { Prepared } from "./prepare.js";

/**
 * Exact counts for a partial package on which only one actor is still undecided: every other actor
 * accepts all its completions, so the acceptable completions are those giving that actor at least
 * what it still needs — a binary search in the actor's sorted completion utilities (the
 * one-constraint case of meet in the middle). Tables are listed on first use, per depth and actor,
 * only where the completions number at most `maxSize`.
 */
export interface SingleActorSuffix {
  /** Completions from depth d giving actor a at least `need`, or -1 when depth d has too many to list. */
  count(d: number, a: number, need: number): number;
  /** Writes into picks (from depth d on) the completion actor a likes best: acceptable whenever any is. */
  best(d: number, a: number, picks: Int32Array): void;
}

/** Builds the lazily listed tables; see {@link SingleActorSuffix}. */
export function singleActorSuffix(p: Prepared, maxSize = 4096): SingleActorSuffix {
  const { A, I } = p;
  // Per depth and actor: the completions' utilities for the actor, ascending.
  const tables = new Map<number, Float64Array>();
  const list = (d: number, a: number): Float64Array | null => {
    const key = d * A + a;
    const known = tables.get(key);
    if (known) return known;
    if (p.size[d]! > maxSize) return null;
    // Sums over the remaining issues, one issue at a time: each level multiplies the list.
    let sums = new Float64Array([0]);
    for (let e = d; e < I; e++) {
      const ue = p.u[e]!;
      const n = p.opts[e]!.length;
      const next = new Float64Array(sums.length * n);
      for (let k = 0; k < n; k++) {
        const v = ue[k * A + a]!;
        for (let j = 0; j < sums.length; j++) next[k * sums.length + j] = sums[j]! + v;
      }
      sums = next;
    }
    sums.sort();
    tables.set(key, sums);
    return sums;
  };
  return {
    count(d, a, need) {
      const v = list(d, a);
      if (!v) return -1;
      // First position whose utility reaches `need`; everything from there on does.
      let lo = 0;
      let hi = v.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (v[mid]! < need) lo = mid + 1;
        else hi = mid;
      }
      return v.length - lo;
    },
    best(d, a, picks) {
      for (let e = d; e < I; e++) {
        const ue = p.u[e]!;
        let k = 0;
        for (let j = 1; j < p.opts[e]!.length; j++) if (ue[j * A + a]! > ue[k * A + a]!) k = j;
        picks[e] = k;
      }
    },
  };
}
