import { PowerError } from "./errors.js";
import { gameClauses, type SimpleGame, treeEvaluator } from "./game.js";
import type { Random } from "./prng.js";

/** A Monte Carlo estimate: never exact, always with its 95% confidence interval. */
export interface PowerEstimate {
  kind: "estimate";
  value: number;
  /** 95% confidence interval (normal approximation; Wilson for proportions near 0 or 1). */
  low: number;
  high: number;
  samples: number;
}

/** Wilson score interval for a proportion (Wilson 1927), 95% (z = 1.96). */
export function proportionEstimate(successes: number, samples: number): PowerEstimate {
  const z = 1.96;
  const p = successes / samples;
  const denom = 1 + (z * z) / samples;
  const centre = (p + (z * z) / (2 * samples)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / samples + (z * z) / (4 * samples * samples))) / denom;
  return {
    kind: "estimate",
    value: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    samples,
  };
}

/** Monte Carlo estimates of the indices of a game too large for the exact engines. */
export interface IndexEstimates {
  shapleyShubik: PowerEstimate[];
  banzhafAbsolute: PowerEstimate[];
  passProbability: PowerEstimate;
}

/**
 * Shapley–Shubik by random orderings (the pivot of each ordering; Mann & Shapley 1960) and the
 * absolute Banzhaf index and passing probability by random coalitions (each player in with
 * probability 1/2). `samples` orderings and `samples` coalitions; a seeded `random` makes runs repeatable.
 */
export function estimateIndices(game: SimpleGame, random: Random, samples = 20_000): IndexEstimates {
  const n = game.players.length;
  if (samples < 1) throw new PowerError("invalid_probability", "expected at least one Monte Carlo sample");
  const clauses = gameClauses(game.root);
  const evaluate = treeEvaluator(game.root);
  const sums = new Float64Array(clauses.length);
  const met: boolean[] = new Array(clauses.length).fill(false);
  const wins = () => {
    for (let c = 0; c < clauses.length; c++) met[c] = sums[c]! >= clauses[c]!.quota;
    return evaluate(met) === true;
  };
  const shift = (i: number, sign: number) => {
    for (let c = 0; c < clauses.length; c++) sums[c] = sums[c]! + sign * clauses[c]!.weights[i]!;
  };
  const pivots = new Array<number>(n).fill(0);
  const order = [...Array(n).keys()];
  for (let t = 0; t < samples; t++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    sums.fill(0);
    if (wins()) continue; // the empty coalition already wins: nobody is pivotal
    for (const i of order) {
      shift(i, 1);
      if (wins()) {
        pivots[i]!++;
        break;
      }
    }
  }
  const swings = new Array<number>(n).fill(0);
  let passes = 0;
  const member = new Array<boolean>(n).fill(false);
  for (let t = 0; t < samples; t++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      member[i] = random() < 0.5;
      if (member[i]) shift(i, 1);
    }
    const w = wins();
    if (w) passes++;
    for (let i = 0; i < n; i++) {
      // i swings when its joining or leaving changes the outcome (S ∌ i loses, S ∪ {i} wins).
      shift(i, member[i] ? -1 : 1);
      const flipped = wins();
      shift(i, member[i] ? 1 : -1);
      if (flipped !== w) swings[i]!++;
    }
  }
  return {
    shapleyShubik: pivots.map((k) => proportionEstimate(k, samples)),
    banzhafAbsolute: swings.map((k) => proportionEstimate(k, samples)),
    passProbability: proportionEstimate(passes, samples),
  };
}
