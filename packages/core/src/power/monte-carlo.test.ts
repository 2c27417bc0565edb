import { describe, expect, it } from "vitest";
import { weightedGame } from "./game.js";
import { estimateIndices, proportionEstimate } from "./monte-carlo.js";
import { seededRandom } from "./prng.js";

describe("Monte Carlo estimates", () => {
  it("cover the exact UN Security Council values with their 95% intervals (seed 42)", () => {
    const g = weightedGame(
      Array.from({ length: 15 }, (_, i) => `m${i}`),
      [7, 7, 7, 7, 7, ...new Array(10).fill(1)],
      39,
    );
    const e = estimateIndices(g, seededRandom(42), 20_000);
    const ss = e.shapleyShubik[0]!;
    expect(ss.low).toBeLessThanOrEqual(421 / 2145); // Shapley–Shubik, permanent member (issue 3)
    expect(ss.high).toBeGreaterThanOrEqual(421 / 2145);
    const bz = e.banzhafAbsolute[14]!;
    expect(bz.low).toBeLessThanOrEqual(84 / 2 ** 14); // 84 swings out of 2^14 coalitions
    expect(bz.high).toBeGreaterThanOrEqual(84 / 2 ** 14);
    expect(ss.kind).toBe("estimate");
  });

  it("Wilson interval of 0 successes in 100 is [0, 0.037] (Wilson 1927, z = 1.96, by hand)", () => {
    const e = proportionEstimate(0, 100);
    expect(e.low).toBe(0);
    expect(e.high).toBeCloseTo(3.8416 / 103.8416, 4);
  });
});
