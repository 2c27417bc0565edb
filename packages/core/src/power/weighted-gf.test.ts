import { describe, expect, it } from "vitest";
import { rawSwings, winningTotal } from "./counts.js";
import { enumerateGame } from "./enumerate.js";
import { weightedGame } from "./game.js";
import { seededRandom } from "./prng.js";
import { weightedBanzhafSwings, weightedGameCounts } from "./weighted-gf.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe("generating-function counts of weighted games", () => {
  it("UN Security Council [39; 7×5, 1×10]: 848 and 84 swings (issue 3; checked by the oracle below)", () => {
    const w = [7, 7, 7, 7, 7, ...new Array(10).fill(1)];
    const c = weightedGameCounts(w, 39);
    expect(rawSwings(c)[0]).toBe(848n);
    expect(rawSwings(c)[14]).toBe(84n);
    expect(weightedBanzhafSwings(w, 39).swings[14]).toBe(84n);
  });

  it("equal the enumeration oracle on 40 random games of up to 16 players (seed 7)", () => {
    const rnd = seededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(rnd() * 16);
      const w = Array.from({ length: n }, () => Math.floor(rnd() * (trial % 2 ? 12 : 3000)));
      const total = w.reduce((a, b) => a + b, 0);
      const q = Math.floor(total * rnd()) + (trial % 5 === 0 ? total : 1);
      const oracle = enumerateGame(weightedGame(ids(n), w, q));
      const c = weightedGameCounts(w, q);
      expect(c.swings).toEqual(oracle.swings);
      expect(c.winning).toEqual(oracle.winning);
      const b = weightedBanzhafSwings(w, q);
      expect(b.swings).toEqual(rawSwings(oracle));
      expect(b.winning).toBe(winningTotal(oracle));
    }
  });

  it("stays exact beyond 2^53: 120 players of weight 1, quota 61 (swings = C(119, 60) by hand)", () => {
    // A player swings exactly when the other 119 contribute 60: C(119, 60) coalitions.
    let binom = 1n;
    for (let k = 1n; k <= 60n; k++) binom = (binom * (119n - k + 1n)) / k;
    const b = weightedBanzhafSwings(new Array(120).fill(1), 61);
    expect(b.swings[0]).toBe(binom);
    expect(binom > 2n ** 53n).toBe(true);
  });
});
