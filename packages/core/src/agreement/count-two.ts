import type { Prepared } from "./prepare.js";
import { sortIndicesByKey } from "./radix-sort.js";
import { UTILITY_EPS } from "./space.js";

/** Utility vectors (1 or 2 actors) of every assignment of the issues at depths [from, to). */
function half(p: Prepared, from: number, to: number): Float64Array {
  const A = p.A;
  let out = new Float64Array(A); // one empty assignment, utility 0
  for (let d = from; d < to; d++) {
    const n = p.opts[d]!.length;
    const ud = p.u[d]!;
    const m = out.length / A;
    const next = new Float64Array(m * n * A);
    for (let j = 0; j < m; j++) {
      for (let k = 0; k < n; k++) {
        const o = (j * n + k) * A;
        for (let a = 0; a < A; a++) next[o + a] = out[j * A + a]! + ud[k * A + a]!;
      }
    }
    out = next;
  }
  return out;
}

/**
 * Exact count of acceptable packages for one or two actors by meet in the middle (Horowitz & Sahni
 * 1974): the issues are split into two halves, each half's assignments are listed, and the pairs
 * (x, y) with x + y ≥ threshold in both coordinates are counted by sorting and a sweep over a
 * Fenwick tree (offline 2-D dominance counting). O(N log N) for N assignments per half, instead of
 * N² packages. Returns null when a half would exceed `maxHalf` or there are more than two actors.
 */
export function countTwoActors(p: Prepared, maxHalf = 2_000_000): number | null {
  const { A, I } = p;
  if (A > 2 || p.blocked) return A > 2 ? null : 0;
  // Split where the two halves' sizes are closest.
  let mid = 0;
  let best = Infinity;
  for (let d = 0; d <= I; d++) {
    const left = p.size[0]! / p.size[d]!;
    const right = p.size[d]!;
    const worst = Math.max(left, right);
    if (worst < best) {
      best = worst;
      mid = d;
    }
  }
  if (best > maxHalf) return null;
  const X = half(p, 0, mid);
  const Y = half(p, mid, I);
  const t0 = p.thresholds[0]! - UTILITY_EPS;
  const nx = X.length / A;
  const ny = Y.length / A;
  if (A === 1) {
    const ys = Float64Array.from(Y).sort();
    let n = 0;
    for (let i = 0; i < nx; i++) {
      // Count y ≥ t0 − x by binary search in the ascending list.
      const need = t0 - X[i]!;
      let lo = 0;
      let hi = ny;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if (ys[m]! < need) lo = m + 1;
        else hi = m;
      }
      n += ny - lo;
    }
    return n;
  }
  const t1 = p.thresholds[1]! - UTILITY_EPS;
  // Ranks of y's second coordinate, for the Fenwick tree.
  const y1sorted = Float64Array.from({ length: ny }, (_, j) => Y[j * 2 + 1]!).sort();
  const rank = (v: number) => {
    // Number of y1 values < v (so y with rank ≥ this have y1 ≥ v).
    let lo = 0;
    let hi = ny;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (y1sorted[m]! < v) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  // byY0 descending in y0 (negated keys), byNeed ascending in x0.
  const byY0 = sortIndicesByKey(Float64Array.from({ length: ny }, (_, j) => -Y[j * 2]!));
  const byNeed = sortIndicesByKey(Float64Array.from({ length: nx }, (_, i) => X[i * 2]!));
  const tree = new Float64Array(ny + 1);
  const add = (pos: number) => {
    for (let i = pos + 1; i <= ny; i += i & -i) tree[i]! += 1;
  };
  const prefix = (pos: number) => {
    let s = 0;
    for (let i = pos; i > 0; i -= i & -i) s += tree[i]!;
    return s;
  };
  let inserted = 0;
  let yi = 0;
  let count = 0;
  // x in ascending first coordinate means a descending need t0 − x0: insert y as their y0 qualifies.
  for (let k = 0; k < nx; k++) {
    const i = byNeed[k]!;
    const need0 = t0 - X[i * 2]!;
    while (yi < ny && Y[byY0[yi]! * 2]! >= need0) {
      add(rank(Y[byY0[yi]! * 2 + 1]!));
      inserted++;
      yi++;
    }
    // Among inserted y, those with y1 ≥ t1 − x1.
    const r = rank(t1 - X[i * 2 + 1]!);
    count += inserted - prefix(r);
  }
  return count;
}
