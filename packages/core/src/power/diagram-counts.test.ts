import { describe, expect, it } from "vitest";
import { compileRule } from "./compile.js";
import { rawSwings, winningTotal } from "./counts.js";
import { buildDiagram } from "./diagram.js";
import { diagramCounts } from "./diagram-counts.js";

function binom(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - i + 1)) / BigInt(i);
  return r;
}

describe("diagram counts beyond 2^53 (BigInt path, n > 52)", () => {
  it("60 players, g0's consent and 31 of 60: counts equal the closed forms", () => {
    const ids = Array.from({ length: 60 }, (_, i) => `g${i}`);
    const game = compileRule(
      {
        type: "and",
        rules: [
          { type: "veto-set", members: ["g0"] },
          { type: "k-of-n", k: 31 },
        ],
      },
      ids,
    );
    const c = diagramCounts(buildDiagram(game));
    // Winning: g0 plus at least 30 of the other 59: Σ_{j ≥ 30} C(59, j).
    let win = 0n;
    for (let j = 30; j <= 59; j++) win += binom(59, j);
    expect(winningTotal(c)).toBe(win);
    // g0 swings exactly when at least 30 others are in (they lose without g0, win with it).
    expect(rawSwings(c)[0]).toBe(win);
    // g1 swings when g0 is in and exactly 29 of the other 58 are: C(58, 29).
    expect(rawSwings(c)[1]).toBe(binom(58, 29));
    expect(win > 2n ** 53n).toBe(true);
  });
});
