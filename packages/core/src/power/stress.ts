import type { Mechanism } from "../model/mechanism.js";
import { compileMechanism } from "./compile.js";
import { buildDiagram, type Diagram } from "./diagram.js";
import { PowerError } from "./errors.js";
import { gameClauses, type SimpleGame, treeEvaluator } from "./game.js";
import { type PowerEstimate, proportionEstimate } from "./monte-carlo.js";
import { type Random, seededRandom } from "./prng.js";
import {
  divRational,
  RATIONAL_ZERO,
  type Rational,
  rational,
  rationalFromDecimal,
  rationalToNumber,
  subRational,
} from "./rational.js";

/**
 * The time model of the stress test. Each guarantor g backs a response against the accused with its
 * stated probability p_g, independently of the others; a guarantor that backs it says so at a time
 * uniformly distributed over the consultation period [0, H]. The response is activated at the first
 * moment the guarantors that have said yes form a winning coalition, if that happens by H.
 *
 * Then by time t = uH each guarantor has said yes, independently, with probability p_g·u, so
 * P(activated by uH) = W(u), the winning probability of the game with probabilities p_g·u: a
 * polynomial of degree ≤ n that the decision diagram yields exactly. Hence P(activated) = W(1) and
 * E[T | activated] = H·(1 − ∫₀¹ W(u) du / W(1)), since E[T·1{T ≤ H}] = ∫₀^H (W(1) − W(t/H)) dt.
 */
export interface StressResult {
  accused: string;
  /** Probability that a response is activated within the consultation period. */
  probability: Rational | PowerEstimate;
  /** Probability that it is activated within half of the consultation period. */
  probabilityHalfTime: Rational | PowerEstimate;
  /** Expected hours from the start of consultations to activation, given activation; null when impossible. */
  expectedHours: number | null;
  /** 95% interval of the expected hours, for estimates only. */
  expectedHoursInterval?: [number, number];
  method: "exact" | "estimate";
  /** The backing probability used per voting guarantor, in game order. */
  backing: Array<{ guarantor: string; probability: number; assumed: boolean }>;
}

/** Backing probability per player of `game` for a response against `accused`, with its provenance. */
export function backingProbabilities(
  m: Pick<Mechanism, "support" | "accusedVote">,
  game: SimpleGame,
  accused: string,
  fallback = 0.5,
): Array<{ guarantor: string; probability: Rational; assumed: boolean }> {
  return game.players.map((g) => {
    if (g === accused && m.accusedVote === "counts-as-no")
      return { guarantor: g, probability: RATIONAL_ZERO, assumed: false };
    const stated = (m.support ?? []).find((s) => s.guarantor === g && s.against === accused);
    if (stated) return { guarantor: g, probability: rationalFromDecimal(stated.probability), assumed: false };
    // Unless the scenario says otherwise, a guarantor does not back a response against itself.
    if (g === accused) return { guarantor: g, probability: RATIONAL_ZERO, assumed: true };
    return { guarantor: g, probability: rationalFromDecimal(fallback), assumed: true };
  });
}

/**
 * W(u) of the time model as exact integer coefficients over a common denominator: with every p_g
 * written as a_g / D, D^n·W(u) has integer coefficients (one BigInt polynomial per diagram node).
 */
export function activationPolynomial(
  dg: Diagram,
  probabilities: readonly Rational[],
): { coef: bigint[]; den: bigint } {
  const { n } = dg;
  let D = 1n;
  for (const p of probabilities) D = (D / gcd(D, p.den)) * p.den;
  const a = probabilities.map((p) => p.num * (D / p.den));
  if (n === 0) return { coef: [dg.root === 1 ? 1n : 0n], den: 1n };
  let below: bigint[][] = [[0n], [1n]];
  for (let k = n - 1; k >= 0; k--) {
    const ak = a[dg.order[k]!]!;
    const layer: bigint[][] = new Array(dg.width[k]!);
    for (let v = 0; v < layer.length; v++) {
      const l = below[dg.lo[k]![v]!]!;
      const h = below[dg.hi[k]![v]!]!;
      // D·P_v = D·P_lo + a·u·(P_hi − P_lo)
      const len = Math.max(l.length, h.length) + 1;
      const out = new Array<bigint>(len).fill(0n);
      for (let i = 0; i < l.length; i++) out[i]! += D * l[i]!;
      for (let i = 0; i < len - 1; i++) out[i + 1]! += ak * ((h[i] ?? 0n) - (l[i] ?? 0n));
      while (out.length > 1 && out[out.length - 1] === 0n) out.pop();
      layer[v] = out;
    }
    below = layer;
  }
  return { coef: below[dg.root]!, den: D ** BigInt(n) };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function evalAt(coef: readonly bigint[], den: bigint, u: Rational): Rational {
  // With u = a/b: Σ c_k a^k b^(d−k) / b^d.
  const d = coef.length - 1;
  let acc = 0n;
  for (let k = 0; k <= d; k++) acc += coef[k]! * u.num ** BigInt(k) * u.den ** BigInt(d - k);
  return rational(acc, den * u.den ** BigInt(d));
}

/** Options of the stress test. */
export interface StressOptions {
  /** Backing probability assumed where the scenario states none. @default 0.5 */
  fallback?: number;
  /** Seed and samples of the Monte Carlo fallback. @default 1, 20_000 */
  seed?: number;
  samples?: number;
  /** Force the Monte Carlo method (used to cross-check the exact one). */
  method?: "auto" | "estimate";
}

/** The stress test of one mechanism against one potential violator (see `StressResult` for the model). */
export function stressTest(m: Mechanism, accused: string, options: StressOptions = {}): StressResult {
  const game = compileMechanism(m, accused);
  const backing = backingProbabilities(m, game, accused, options.fallback ?? 0.5);
  const shown = backing.map((b) => ({
    guarantor: b.guarantor,
    probability: rationalToNumber(b.probability),
    assumed: b.assumed,
  }));
  const H = m.consultationHours;
  if (game.players.length === 0)
    // The only guarantor is the accused and it is recused: nobody takes part, nothing is activated.
    return {
      accused,
      probability: RATIONAL_ZERO,
      probabilityHalfTime: RATIONAL_ZERO,
      expectedHours: null,
      method: "exact",
      backing: [],
    };
  if (options.method !== "estimate") {
    try {
      const dg = buildDiagram(game, { maxLayerStates: 20_000 });
      const { coef, den } = activationPolynomial(
        dg,
        backing.map((b) => b.probability),
      );
      const p = rational(
        coef.reduce((x, y) => x + y, 0n),
        den,
      );
      let integral = 0n;
      let common = 1n;
      for (let k = 1; k <= coef.length; k++) common = (common / gcd(common, BigInt(k))) * BigInt(k);
      coef.forEach((c, k) => {
        integral += c * (common / BigInt(k + 1));
      });
      const area = rational(integral, den * common);
      const expected =
        p.num === 0n ? null : H * rationalToNumber(subRational(rational(1), divRational(area, p)));
      return {
        accused,
        probability: p,
        probabilityHalfTime: evalAt(coef, den, rational(1, 2)),
        expectedHours: expected,
        method: "exact",
        backing: shown,
      };
    } catch (e) {
      if (!(e instanceof PowerError)) throw e;
    }
  }
  return simulate(
    game,
    backing.map((b) => rationalToNumber(b.probability)),
    H,
    accused,
    shown,
    seededRandom(options.seed ?? 1),
    options.samples ?? 20_000,
  );
}

function simulate(
  game: SimpleGame,
  p: readonly number[],
  H: number,
  accused: string,
  backing: StressResult["backing"],
  random: Random,
  samples: number,
): StressResult {
  const n = game.players.length;
  const clauses = gameClauses(game.root);
  const evaluate = treeEvaluator(game.root);
  const sums = new Float64Array(clauses.length);
  const met: boolean[] = new Array(clauses.length).fill(false);
  const times: Array<[number, number]> = [];
  let activated = 0;
  let half = 0;
  let sum = 0;
  let sumSq = 0;
  for (let t = 0; t < samples; t++) {
    times.length = 0;
    for (let i = 0; i < n; i++) if (random() < p[i]!) times.push([random() * H, i]);
    times.sort((x, y) => x[0] - y[0]);
    sums.fill(0);
    for (const [time, i] of times) {
      for (let c = 0; c < clauses.length; c++) sums[c] = sums[c]! + clauses[c]!.weights[i]!;
      for (let c = 0; c < clauses.length; c++) met[c] = sums[c]! >= clauses[c]!.quota;
      if (evaluate(met) === true) {
        activated++;
        if (time <= H / 2) half++;
        sum += time;
        sumSq += time * time;
        break;
      }
    }
  }
  const mean = activated ? sum / activated : null;
  const sd = activated > 1 && mean !== null ? Math.sqrt(Math.max(0, sumSq / activated - mean * mean)) : 0;
  const margin = activated ? (1.96 * sd) / Math.sqrt(activated) : 0;
  return {
    accused,
    probability: proportionEstimate(activated, samples),
    probabilityHalfTime: proportionEstimate(half, samples),
    expectedHours: mean,
    ...(mean !== null ? { expectedHoursInterval: [mean - margin, mean + margin] as [number, number] } : {}),
    method: "estimate",
    backing,
  };
}

/** The probability as a double, whether exact or estimated. */
export function probabilityValue(p: Rational | PowerEstimate): number {
  return "kind" in p ? p.value : rationalToNumber(p);
}
