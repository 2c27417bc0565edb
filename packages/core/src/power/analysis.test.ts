import { describe, expect, it } from "vitest";
import { analyzeGame } from "./analysis.js";
import { compileRule } from "./compile.js";
import { enumerateGame } from "./enumerate.js";
import { weightedGame } from "./game.js";
import { playerIds, randomRule } from "./game-fixtures.test-util.js";
import { seededRandom } from "./prng.js";
import { addRational, formatRational, type Rational, rational } from "./rational.js";

describe("analyzeGame", () => {
  it("EEC 1958: Deegan–Packel and Holler by hand from the 4 minimal winning coalitions", () => {
    // MWC: {F,D,I} (size 3) and {two of F,D,I, B, N} × 3 (size 4). Holler: F is in 1 + 2 = 3 of
    // the 4 coalitions, B in 3; memberships 3+3+3+3+3 = 15 → F 3/15 = 1/5, L 0.
    // Deegan–Packel: F = (1/4)(1/3 + 2·1/4) = 5/24; B = (1/4)(3·1/4) = 3/16.
    const r = analyzeGame(weightedGame(["F", "D", "I", "B", "N", "L"], [4, 4, 4, 2, 2, 1], 12));
    if (r.method !== "exact") throw new Error("expected exact");
    expect(r.holler!.map(formatRational)).toEqual(["1/5", "1/5", "1/5", "1/5", "1/5", "0"]);
    expect(r.deeganPackel!.map(formatRational)).toEqual(["5/24", "5/24", "5/24", "3/16", "3/16", "0"]);
    expect(r.minimalWinning!.count).toBe(4n);
    expect(r.vetoPlayers).toEqual([]);
  });

  it("UN Security Council: the five permanent members are the veto players", () => {
    const r = analyzeGame(weightedGame(playerIds(15), [7, 7, 7, 7, 7, ...new Array(10).fill(1)], 39));
    expect(r.vetoPlayers).toEqual([0, 1, 2, 3, 4]);
  });

  it("Deegan–Packel and Holler equal their definitions over the oracle's coalitions (seeded, all rule types)", () => {
    const rnd = seededRandom(77);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(rnd() * 10);
      const game = compileRule(randomRule(rnd, playerIds(n)), playerIds(n));
      const r = analyzeGame(game);
      if (r.method !== "exact") throw new Error("expected exact");
      const mwc = enumerateGame(game).minimalWinning;
      const size = (m: number) => m.toString(2).replace(/0/g, "").length;
      const memberships = (i: number) => mwc.filter((m) => m & (1 << i)).length;
      const total = Array.from({ length: n }, (_, i) => memberships(i)).reduce((a, b) => a + b, 0);
      for (let i = 0; i < n; i++) {
        let dp: Rational = rational(0);
        for (const m of mwc) if (m & (1 << i)) dp = addRational(dp, rational(1, size(m) * mwc.length));
        expect(r.deeganPackel![i]).toEqual(dp);
        expect(r.holler![i]).toEqual(total ? rational(memberships(i), total) : rational(0));
      }
    }
  });

  it("falls back to a labelled Monte Carlo estimate when the exact engines are told to give up", () => {
    const g = weightedGame(playerIds(12), new Array(12).fill(1), 7);
    const r = analyzeGame(g, { maxLayerStates: 1, seed: 3, samples: 2000 });
    // A single clause with a small quota goes to the generating function instead.
    expect(r.method).toBe("exact");
    const composite = compileRule(
      {
        type: "and",
        rules: [
          { type: "k-of-n", k: 7 },
          { type: "unanimity", of: ["g0"] },
        ],
      },
      playerIds(12).map((_, i) => `g${i}`),
    );
    const e = analyzeGame(composite, { maxLayerStates: 1, seed: 3, samples: 2000 });
    expect(e.method).toBe("estimate");
  });
});
