import { type GameCounts, rawSwings, winningTotal } from "./counts.js";
import { RATIONAL_ZERO, type Rational, rational } from "./rational.js";

/** The exact power indices computed from swing counts (one entry per player, in game order). */
export interface SwingIndices {
  /** Shapley & Shubik (1954): share of the n! voting orders in which the player is pivotal. */
  shapleyShubik: Rational[];
  /** Banzhaf (1965) raw swings: coalitions that the player turns from losing into winning. */
  banzhafRaw: bigint[];
  /** Penrose–Banzhaf absolute index: swings / 2^(n−1), the chance of being decisive on a random vote. */
  banzhafAbsolute: Rational[];
  /** Normalised Banzhaf index: swings / total swings (sums to 1). */
  banzhafNormalised: Rational[];
  /** Coleman (1971) power to prevent action: swings / winning coalitions. */
  colemanPrevent: Rational[];
  /** Coleman (1971) power to initiate action: swings / losing coalitions. */
  colemanInitiate: Rational[];
  /** Coleman's power of the collectivity to act: winning coalitions / 2^n. */
  passProbability: Rational;
  winningCoalitions: bigint;
  /** Players with no swing at all (they never matter). */
  dummies: number[];
}

function factorials(n: number): bigint[] {
  const f = [1n];
  for (let i = 1; i <= n; i++) f.push(f[i - 1]! * BigInt(i));
  return f;
}

/**
 * Shapley–Shubik, Banzhaf (raw, absolute, normalised), Coleman and the passing probability from
 * exact counts. Shapley–Shubik: φ_i = Σ_s swings_i(s) · s! (n − 1 − s)! / n! (Shapley & Shubik 1954).
 */
export function swingIndices(c: GameCounts): SwingIndices {
  const { n } = c;
  const f = factorials(n);
  const raw = rawSwings(c);
  const totalSwings = raw.reduce((a, b) => a + b, 0n);
  const win = winningTotal(c);
  const all = 1n << BigInt(n);
  const lose = all - win;
  const half = n > 0 ? 1n << BigInt(n - 1) : 1n;
  const ratio = (a: bigint, b: bigint) => (b === 0n ? RATIONAL_ZERO : rational(a, b));
  return {
    shapleyShubik: c.swings.map((row) =>
      rational(
        row.reduce((acc, x, s) => acc + x * f[s]! * f[n - 1 - s]!, 0n),
        f[n]!,
      ),
    ),
    banzhafRaw: raw,
    banzhafAbsolute: raw.map((r) => rational(r, half)),
    banzhafNormalised: raw.map((r) => ratio(r, totalSwings)),
    colemanPrevent: raw.map((r) => ratio(r, win)),
    colemanInitiate: raw.map((r) => ratio(r, lose)),
    passProbability: rational(win, all),
    winningCoalitions: win,
    dummies: raw.flatMap((r, i) => (r === 0n ? [i] : [])),
  };
}
