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
 * The test oracle: decides all 2^n coalitions (in Gray-code order, so each step changes one sum per
 * clause), then counts swings, winning coalitions and minimal winning / blocking coalitions by
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
  const total = 2 ** n;
  // Pass 1: the outcome of every coalition, visited in Gray-code order (one sum update per step).
  const win = new Uint8Array(total);
  let mask = 0;
  for (let step = 0; step < total; step++) {
    if (step > 0) {
      const bit = 31 - Math.clz32(step & -step);
      const on = (mask & (1 << bit)) === 0;
      mask ^= 1 << bit;
      for (let c = 0; c < d; c++) sums[c] = sums[c]! + (on ? 1 : -1) * clauses[c]!.weights[bit]!;
    }
    for (let c = 0; c < d; c++) met[c] = sums[c]! >= clauses[c]!.quota;
    win[mask] = evaluate(met) === true ? 1 : 0;
  }
  // Pass 2: swings, minimal winning and maximal losing coalitions, by definition.
  const swings = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const winning = new Array<number>(n + 1).fill(0);
  const minimalWinning: number[] = [];
  const minimalBlocking: number[] = [];
  for (let m = 0; m < total; m++) {
    let size = 0;
    for (let x = m; x !== 0; x &= x - 1) size++;
    if (win[m]) {
      winning[size]!++;
      let minimal = true;
      for (let i = 0; i < n; i++) {
        if ((m & (1 << i)) === 0) continue;
        if (!win[m ^ (1 << i)]) swings[i]![size - 1]!++;
        else minimal = false;
      }
      if (minimal) minimalWinning.push(m >>> 0);
    } else {
      let maximal = true;
      for (let i = 0; i < n && maximal; i++) if ((m & (1 << i)) === 0 && !win[m | (1 << i)]) maximal = false;
      if (maximal) minimalBlocking.push((~m & (total - 1)) >>> 0);
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
