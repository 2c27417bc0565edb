import { describe, expect, it } from "vitest";
import { compileRule } from "./compile.js";
import { buildDiagram, smallestWinning } from "./diagram.js";
import { weightedGame } from "./game.js";

describe("smallest winning coalition", () => {
  it("UN Security Council: 9 members; none without a permanent member", () => {
    const g = weightedGame(
      Array.from({ length: 15 }, (_, i) => `m${i}`),
      [7, 7, 7, 7, 7, ...new Array(10).fill(1)],
      39,
    );
    const dg = buildDiagram(g);
    expect(smallestWinning(dg)).toBe(9); // the 5 permanent members and 4 others (Charter art. 27(3))
    expect(smallestWinning(dg, 0)).toBeNull();
    expect(smallestWinning(dg, 14)).toBe(9);
  });

  it("double majority of 27 equal weights: the 65% weight clause (18 members) binds before 55% (15)", () => {
    const ids = Array.from({ length: 27 }, (_, i) => `s${i}`);
    const weights = Object.fromEntries(ids.map((id) => [id, 1]));
    const g = compileRule({ type: "double-majority", memberShare: 0.55, weights, weightShare: 0.65 }, ids);
    // By hand: 55% of 27 = 14.85 → 15 members; 65% of 27 = 17.55 → 18; both must hold, so 18.
    expect(smallestWinning(buildDiagram(g), 0)).toBe(18);
  });
});
