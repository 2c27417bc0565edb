import type { Prepared } from "./prepare.js";
import { sortIndicesByKey } from "./radix-sort.js";

/**
 * Meet in the middle for the last issues: every completion of the deepest issues is listed once
 * with its utility vector, and sorted by each actor's utility and by a surrogate weighting. A
 * partial package at the table's depth needs, per row, a utility of at least `need`; a binary
 * search per row gives how many completions pass that row alone, and only the completions of the
 * most selective row are scanned against every actor — an exact count of acceptable completions
 * (Horowitz & Sahni 1974 split the problem the same way; the sorted-index choice is a database
 * planner's "most selective index").
 */
export interface BottomTable {
  /** Depth from which the table lists completions. */
  depth: number;
  /** Number of completions listed. */
  size: number;
  /**
   * Exact number of completions meeting every need (need[a] for actor a, need[A] for the surrogate);
   * `scanned` receives how many candidates were checked. `first` receives one matching completion.
   */
  count(need: Float64Array, out: { scanned: number; first: number }): number;
  /** Option positions (per depth from `depth`) of completion `index`. */
  decode(index: number, into: Int32Array): void;
}

/** Builds the table for the deepest issues whose completions number at most `maxSize`. */
export function bottomTable(p: Prepared, surrogate: Float64Array, maxSize = 40_000): BottomTable | null {
  const { A, I } = p;
  let depth = I;
  while (depth > 0 && p.size[depth - 1]! <= maxSize) depth--;
  if (depth >= I - 1) return null;
  const S = p.size[depth]!;
  const R = A + 1;
  const vec = new Float64Array(S * A);
  const digits = new Int32Array(I);
  for (let s = 0; s < S; s++) {
    let rest = s;
    for (let d = I - 1; d >= depth; d--) {
      const n = p.opts[d]!.length;
      digits[d] = rest % n;
      rest = Math.floor(rest / n);
    }
    for (let d = depth; d < I; d++) {
      const base = digits[d]! * A;
      const ud = p.u[d]!;
      for (let a = 0; a < A; a++) vec[s * A + a]! += ud[base + a]!;
    }
  }
  const rowValue = (s: number, r: number) => {
    if (r < A) return vec[s * A + r]!;
    let x = 0;
    for (let a = 0; a < A; a++) x += surrogate[a]! * vec[s * A + a]!;
    return x;
  };
  // Per row: values sorted descending, the completions' vectors in that order, and their indices.
  const values: Float64Array[] = [];
  const vecs: Float64Array[] = [];
  const ids: Int32Array[] = [];
  for (let r = 0; r < R; r++) {
    const v = new Float64Array(S);
    for (let s = 0; s < S; s++) v[s] = rowValue(s, r);
    const order = sortIndicesByKey(v.map((x) => -x));
    const sorted = new Float64Array(S);
    const rv = new Float64Array(S * A);
    order.forEach((s, j) => {
      sorted[j] = v[s]!;
      rv.set(vec.subarray(s * A, s * A + A), j * A);
    });
    values.push(sorted);
    vecs.push(rv);
    ids.push(order);
  }
  /** Completions whose row value is ≥ need: the length of the sorted prefix. */
  const passing = (r: number, need: number) => {
    const v = values[r]!;
    let lo = 0;
    let hi = S;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! >= need) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    depth,
    size: S,
    count(need, out) {
      let best = S + 1;
      let bestRow = 0;
      for (let r = 0; r < R; r++) {
        const c = passing(r, need[r]!);
        if (c < best) {
          best = c;
          bestRow = r;
          if (c === 0) break;
        }
      }
      out.scanned = best;
      out.first = -1;
      if (best === 0) return 0;
      const rv = vecs[bestRow]!;
      let n = 0;
      for (let j = 0; j < best; j++) {
        const o = j * A;
        let ok = true;
        for (let a = 0; a < A; a++) {
          if (rv[o + a]! < need[a]!) {
            ok = false;
            break;
          }
        }
        if (ok) {
          if (n === 0) out.first = ids[bestRow]![j]!;
          n++;
        }
      }
      return n;
    },
    decode(index, into) {
      let rest = index;
      for (let d = I - 1; d >= depth; d--) {
        const n = p.opts[d]!.length;
        into[d] = rest % n;
        rest = Math.floor(rest / n);
      }
    },
  };
}
