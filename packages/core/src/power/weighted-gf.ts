import type { GameCounts } from "./counts.js";
import { PowerError } from "./errors.js";
import { fromResidues, primesFor, residuePrimes } from "./residues.js";

/**
 * Exact swing counts of a single weighted game [q; w1 … wn] by the generating function of subset
 * sums (Brams & Affuso 1976; Bilbao, Fernández, Jiménez & López 2000, "Generating functions for
 * computing power indices efficiently", TOP 8(2)). Only sums below q are kept. A player's own
 * counts are never recomputed: with G(x) = #subsets of all players with sum < x and F_i(x) the same
 * without player i, G(x) = F_i(x) + F_i(x − w_i), so F_i(x) = Σ_j (−1)^j G(x − j·w_i), and i's swings
 * are F_i(q) − F_i(q − w_i): O(q / w_i) look-ups per player after one O(n·q) table.
 *
 * `bySize` keeps the coalition size too (needed for Shapley–Shubik): O(n²·q) instead of O(n·q).
 */
export function weightedGameCounts(weights: readonly number[], quota: number): GameCounts {
  return countWeighted(weights, quota, true);
}

/**
 * Raw Banzhaf swings and the number of winning coalitions of [q; w1 … wn], without coalition sizes
 * (O(n·q), for IMF-scale games), by the same generating function as `weightedGameCounts`.
 */
export function weightedBanzhafSwings(
  weights: readonly number[],
  quota: number,
): { swings: bigint[]; winning: bigint } {
  const c = countWeighted(weights, quota, false);
  return { swings: c.swings.map((row) => row[0]!), winning: c.winning[0]! };
}

function countWeighted(weights: readonly number[], quota: number, bySize: boolean): GameCounts {
  const n = weights.length;
  for (const w of weights)
    if (!Number.isSafeInteger(w) || w < 0)
      throw new PowerError("unsafe_weights", `weights must be whole numbers ≥ 0 below 2^53, got ${w}`);
  const q = Math.max(0, Math.ceil(quota));
  // Every count is at most 2^n (C(n, ⌊n/2⌋) when sizes are tracked).
  let central = 1n;
  for (let k = 1; k <= n >> 1; k++) central = (central * BigInt(n - k + 1)) / BigInt(k);
  const ps = residuePrimes(primesFor(bySize ? central.toString(2).length : n + 1));
  // residues[j][s][x] = G_s(x) mod p_j (s = 0 when sizes are not tracked).
  const tables = ps.map((p) => cumulativeTable(weights, q, p, bySize));
  const swings = Array.from({ length: n }, () => new Array<bigint>(bySize ? n : 1).fill(0n));
  const res = new Array<number>(ps.length);
  // Players with the same weight have the same swings: compute each weight once.
  const byWeight = new Map<number, bigint[]>();
  for (let i = 0; i < n; i++) {
    const wi = weights[i]!;
    if (wi === 0) continue;
    const known = byWeight.get(wi);
    if (known) {
      swings[i] = [...known];
      continue;
    }
    for (let s = 0; s < (bySize ? n : 1); s++) {
      for (let j = 0; j < ps.length; j++) {
        const p = ps[j]!;
        const g = tables[j]!;
        // F_{i,s}(q) − F_{i,s}(q − w_i) with F_{i,s}(x) = Σ_t (−1)^t G_{s−t}(x − t·w_i).
        let acc = 0;
        for (let t = 0; (bySize ? t <= s : true) && q - t * wi > 0; t++) {
          const base = (bySize ? s - t : 0) * (q + 1);
          const hi = q - t * wi;
          const lo = hi - wi;
          let term = g[base + hi]! - (lo > 0 ? g[base + lo]! : 0);
          if (term < 0) term += p;
          if (t % 2 === 0) {
            acc += term;
            if (acc >= p) acc -= p;
          } else {
            acc -= term;
            if (acc < 0) acc += p;
          }
        }
        res[j] = acc;
      }
      swings[i]![s] = fromResidues(res, ps);
    }
    byWeight.set(wi, swings[i]!);
  }
  // Winning coalitions by size: C(n, s) − G_s(q).
  const winning = new Array<bigint>(bySize ? n + 1 : 1).fill(0n);
  let binom = 1n;
  for (let s = 0; s <= (bySize ? n : 0); s++) {
    const below = fromResidues(
      tables.map((g) => g[s * (q + 1) + q]!),
      ps,
    );
    winning[s] = (bySize ? binom : 1n << BigInt(n)) - below;
    binom = (binom * BigInt(n - s)) / BigInt(s + 1);
  }
  return { n, swings, winning };
}

/** G_s(x) mod p for x = 0 … q (cumulative counts of subsets with sum < x), flattened by row s. */
function cumulativeTable(weights: readonly number[], q: number, p: number, bySize: boolean): Float64Array {
  const n = weights.length;
  const rows = bySize ? n + 1 : 1;
  const c = new Float64Array(rows * (q + 1));
  if (q === 0) return c;
  c[0] = 1; // the empty coalition: size 0, sum 0
  // The table does not depend on the order of players; light players first keeps the reachable
  // sums (and so the loops) short for as long as possible. A row s only holds sums between the s
  // lightest weights and the s heaviest weights added so far.
  const inv = 1 / p;
  const sorted = [...weights].sort((a, b) => a - b);
  const prefix = [0];
  for (const w of sorted) prefix.push(prefix[prefix.length - 1]! + w);
  for (let i = 0; i < n; i++) {
    const wi = sorted[i]!;
    if (wi >= q) break; // adding i always reaches the quota: no sum below q gains a subset
    const top = bySize ? i + 1 : 0;
    for (let s = top; s >= (bySize ? 1 : 0); s--) {
      const low = bySize ? Math.max(wi, prefix[s]!) : wi;
      const high = Math.min(q - 1, bySize ? prefix[i + 1]! - prefix[i + 1 - s]! : prefix[i + 1]!);
      const dst = s * (q + 1);
      const src = (bySize ? s - 1 : 0) * (q + 1) - wi;
      for (let x = high; x >= low; x--) {
        const v = c[dst + x]! + c[src + x]!;
        c[dst + x] = v - p * Math.floor(v * inv);
      }
    }
  }
  // Prefix sums in place, shifted by one: G(x) = Σ_{y < x} C(y).
  for (let s = 0; s < rows; s++) {
    const base = s * (q + 1);
    let run = 0;
    for (let x = 0; x <= q; x++) {
      const v = c[base + x]!;
      c[base + x] = run;
      run += v;
      if (run >= p) run -= p;
    }
  }
  return c;
}
