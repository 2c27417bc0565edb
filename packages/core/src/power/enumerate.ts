import type { GameCounts } from "./counts.js";
import { PowerError } from "./errors.js";
import { gameClauses, type SimpleGame, treeEvaluator } from "./game.js";

/** Everything the brute-force oracle finds, as bit masks over the players (bit i = player i). */
export interface EnumerationResult extends GameCounts {
  /** Minimal winning coalitions: winning, and losing once any member leaves. */
  minimalWinning: number[];
  /** Minimal blocking coalitions: their complement loses, and wins once any member rejoins it. */
  minimalBlocking: number[];
}

/**
 * The test oracle: visits all 2^n coalitions (in Gray-code order, so each step changes one clause
 * sum per clause) and counts swings, winning coalitions and minimal winning / blocking coalitions by
 * definition. Exponential on purpose: it shares no logic with the dynamic programmes it checks.
 */
export function enumerateGame(game: SimpleGame): EnumerationResult {
  const n = game.players.length;
  if (n > 30)
    throw new PowerError("too_many_players", `the enumeration oracle handles at most 30 players, got ${n}`);
  const clauses = gameClauses(game.root);
  const d = clauses.length;
  const sums = new Float64Array(d);
  const met: boolean[] = new Array(d).fill(false);
  const evaluate = treeEvaluator(game.root);
  const wins = (flip: number, sign: number): boolean => {
    for (let c = 0; c < d; c++) {
      const cl = clauses[c]!;
      met[c] = sums[c]! + (flip >= 0 ? sign * cl.weights[flip]! : 0) >= cl.quota;
    }
    return evaluate(met) === true;
  };
  const swings = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const winning = new Array<number>(n + 1).fill(0);
  const minimalWinning: number[] = [];
  const minimalBlocking: number[] = [];
  let mask = 0;
  let size = 0;
  const total = 2 ** n;
  for (let step = 0; step < total; step++) {
    if (step > 0) {
      // Gray code: flip the bit at the position of the lowest set bit of step.
      const bit = 31 - Math.clz32(step & -step);
      const on = (mask & (1 << bit)) === 0;
      mask ^= 1 << bit;
      size += on ? 1 : -1;
      for (let c = 0; c < d; c++) sums[c] = sums[c]! + (on ? 1 : -1) * clauses[c]!.weights[bit]!;
    }
    if (wins(-1, 0)) {
      winning[size]!++;
      let minimal = true;
      for (let i = 0; i < n; i++) {
        if ((mask & (1 << i)) === 0) continue;
        if (!wins(i, -1)) swings[i]![size - 1]!++;
        else minimal = false;
      }
      if (minimal) minimalWinning.push(mask >>> 0);
    } else {
      let maximal = true;
      for (let i = 0; i < n; i++) {
        if ((mask & (1 << i)) !== 0) continue;
        if (!wins(i, 1)) maximal = false;
      }
      if (maximal) minimalBlocking.push((~mask & (total - 1)) >>> 0);
    }
  }
  return {
    n,
    swings: swings.map((row) => row.map(BigInt)),
    winning: winning.map(BigInt),
    minimalWinning: minimalWinning.sort((a, b) => a - b),
    minimalBlocking: minimalBlocking.sort((a, b) => a - b),
  };
}
