/**
 * The coalition counts every power index is a ratio of. All counts are exact BigInts.
 * A swing of player i is a coalition S without i that loses while S ∪ {i} wins.
 */
export interface GameCounts {
  n: number;
  /** swings[i][s]: swings of player i by the size s = |S| of the coalition i joins. */
  swings: bigint[][];
  /** winning[s]: winning coalitions of size s. */
  winning: bigint[];
}

/** Raw Banzhaf swing count of each player (sum over sizes). */
export function rawSwings(c: GameCounts): bigint[] {
  return c.swings.map((row) => row.reduce((a, b) => a + b, 0n));
}

/** Total number of winning coalitions. */
export function winningTotal(c: GameCounts): bigint {
  return c.winning.reduce((a, b) => a + b, 0n);
}
