import type { Prepared } from "./prepare.js";

/**
 * Counts of completions whose weighted utility Σ_a w_a·u_a reaches a level, bounded by rounding
 * each option's weighted utility down (a lower bound on the count) or up (an upper bound) to a grid
 * and convolving over the remaining issues — the rounding DP behind deterministic knapsack
 * counting (Gopalan et al. 2011, "An FPTAS for #Knapsack"). One table per weight row: a unit row
 * per actor, plus surrogate rows that couple opposed actors. Counts are doubles, exact integers up
 * to 2^53 ≈ 9·10^15 packages.
 */
export interface MarginalCounts {
  /** Writes [lower, upper] on the completions from depth d whose row-r value is ≥ need into out. */
  bounds(d: number, r: number, need: number, out: Float64Array): void;
  /** The upper bound alone (one look-up): a cheap guess of the count, e.g. for importance sampling. */
  upper(d: number, r: number, need: number): number;
  /** The same look-up as data, for hot loops that should not call through a closure (see guessAtLeast). */
  guess: GuessTable;
}

/** The ceiling tables flattened: table k = d·rows + r holds len[k] cumulative counts from off[k]. */
export interface GuessTable {
  flat: Float32Array;
  off: Int32Array;
  len: Int32Array;
  min: Float64Array;
  /** Grid cells per unit of each row's weighted utility. */
  q: Float64Array;
  rows: number;
}

/** Upper-bound count of the completions from depth d whose row-r value is ≥ need (same as `upper`). */
export function guessAtLeast(g: GuessTable, d: number, r: number, need: number): number {
  const k = d * g.rows + r;
  const j = Math.ceil(need * g.q[r]! - 1e-6) - g.min[k]!;
  if (j <= 0) return g.flat[g.off[k]!]!;
  if (j >= g.len[k]!) return 0;
  return g.flat[g.off[k]! + j]!;
}

/**
 * Builds the floor and ceiling rounding DPs for each weight row over every suffix of issues; `cells`
 * sets the grid. With `guessOnly`, only the ceiling tables are built, in single precision: half the
 * memory for callers that need a fast guess (`upper`), not a proof — `bounds` is then unavailable.
 */
export function marginalCounts(
  p: Prepared,
  rows: ArrayLike<number>[],
  cells = 1024,
  guessOnly = false,
): MarginalCounts {
  const { A, I } = p;
  const R = rows.length;
  // Per row: weighted utility per depth and option, and its grid scale.
  const wu: Float64Array[][] = rows.map((w) =>
    p.u.map((ud, d) => {
      const n = p.opts[d]!.length;
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let a = 0; a < A; a++) s += w[a]! * ud[k * A + a]!;
        out[k] = s;
      }
      return out;
    }),
  );
  const q = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let range = 0;
    for (const v of wu[r]!) range += Math.max(...v) - Math.min(...v);
    q[r] = range > 0 ? cells / range : 1;
  }
  type Table = { min: number; cum: Float64Array | Float32Array };
  const lo: Table[] = new Array((I + 1) * R);
  const hi: Table[] = new Array((I + 1) * R);
  const passes: [Table[], (x: number) => number][] = guessOnly
    ? [[hi, Math.ceil]]
    : [
        [lo, Math.floor],
        [hi, Math.ceil],
      ];
  for (let r = 0; r < R; r++) {
    for (const [tab, round] of passes) {
      let dist = new Float64Array([1]);
      let min = 0;
      const put = (d: number) => {
        const cum = guessOnly ? new Float32Array(dist.length + 1) : new Float64Array(dist.length + 1);
        for (let j = dist.length - 1; j >= 0; j--) cum[j] = cum[j + 1]! + dist[j]!;
        tab[d * R + r] = { min, cum };
      };
      put(I);
      for (let d = I - 1; d >= 0; d--) {
        const vals = Array.from(wu[r]![d]!, (v) => round(v * q[r]!));
        const vmin = Math.min(...vals);
        const vmax = Math.max(...vals);
        const next = new Float64Array(dist.length + vmax - vmin);
        for (const v of vals) {
          const sh = v - vmin;
          for (let j = 0; j < dist.length; j++) next[j + sh]! += dist[j]!;
        }
        dist = next;
        min += vmin;
        put(d);
      }
    }
  }
  // The guesses in one flat single-precision array: one dependent load per look-up instead of three
  // (table object, its array, the element), which is what a sampler's inner loop waits on.
  const guessOff = new Int32Array(hi.length);
  const guessLen = new Int32Array(hi.length);
  const guessMin = new Float64Array(hi.length);
  let total = 0;
  for (let k = 0; k < hi.length; k++) {
    guessOff[k] = total;
    guessLen[k] = hi[k]!.cum.length;
    guessMin[k] = hi[k]!.min;
    total += hi[k]!.cum.length;
  }
  const guessFlat = new Float32Array(total);
  for (let k = 0; k < hi.length; k++) guessFlat.set(hi[k]!.cum, guessOff[k]!);
  const guess: GuessTable = { flat: guessFlat, off: guessOff, len: guessLen, min: guessMin, q, rows: R };
  const atLeast = (t: Table, need: number) => {
    const j = need - t.min;
    if (j <= 0) return t.cum[0]!;
    if (j >= t.cum.length) return 0;
    return t.cum[j]!;
  };
  return {
    bounds(d, r, need, out) {
      if (guessOnly)
        throw new RangeError("marginalCounts: bounds() needs the exact tables (guessOnly was set)");
      const x = need * q[r]!;
      // Σ floors ≥ ⌈x⌉ implies the true sum ≥ x; a true sum ≥ x (less the acceptance tolerance)
      // implies Σ ceils ≥ ⌈x − slack⌉.
      out[0] = atLeast(lo[d * R + r]!, Math.ceil(x));
      out[1] = atLeast(hi[d * R + r]!, Math.ceil(x - 1e-6));
    },
    upper(d, r, need) {
      return guessAtLeast(guess, d, r, need);
    },
    guess,
  };
}
