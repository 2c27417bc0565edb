import { describe, expect, it } from "vitest";
import type { DecisionRule } from "../model/decision-rule.js";
import { compileRule } from "./compile.js";
import { buildDiagram } from "./diagram.js";
import { enumerateGame } from "./enumerate.js";
import { weightedGame } from "./game.js";
import { playerIds, randomRule } from "./game-fixtures.test-util.js";
import { familyCounts, listFamily, minimalFamily } from "./minimal.js";
import { seededRandom } from "./prng.js";

const masks = (sets: number[][]) =>
  sets.map((s) => s.reduce((m, i) => m | (1 << i), 0)).sort((a, b) => a - b);
const types: DecisionRule["type"][] = [
  "unanimity",
  "k-of-n",
  "weighted",
  "veto-set",
  "double-majority",
  "and",
  "or",
];

describe("minimal winning and blocking coalitions", () => {
  it("EEC 1958: 4 minimal winning coalitions, none with Luxembourg", () => {
    // By hand (quota 12): {FR, DE, IT} = 12, and each pair of the big three with BE and NL
    // (4 + 4 + 2 + 2 = 12): 1 + 3 = 4. Luxembourg's 1 vote never completes a minimal coalition.
    const g = weightedGame(["FR", "DE", "IT", "BE", "NL", "LU"], [4, 4, 4, 2, 2, 1], 12);
    const fd = minimalFamily(buildDiagram(g));
    expect(masks(listFamily(fd, 100)!)).toEqual(
      [0b000111, 0b011011, 0b011101, 0b011110].sort((a, b) => a - b),
    );
    expect(familyCounts(fd).containing[5]!.every((x) => x === 0n)).toBe(true);
  });

  for (const type of types) {
    it(`${type}: equal the enumeration oracle on 25 random games (seeded)`, () => {
      const rnd = seededRandom(500 + types.indexOf(type));
      for (let trial = 0; trial < 25; trial++) {
        const n = 1 + Math.floor(rnd() * 11);
        const game = compileRule(randomRule(rnd, playerIds(n), type), playerIds(n));
        const dg = buildDiagram(game);
        const oracle = enumerateGame(game);
        const win = minimalFamily(dg);
        const block = minimalFamily(dg, true);
        expect(masks(listFamily(win, 5000)!)).toEqual(oracle.minimalWinning);
        expect(masks(listFamily(block, 5000)!)).toEqual(oracle.minimalBlocking);
        const counts = familyCounts(win);
        expect(counts.total).toBe(BigInt(oracle.minimalWinning.length));
        for (let i = 0; i < n; i++) {
          const expected = oracle.minimalWinning.filter((m) => m & (1 << i)).length;
          expect(counts.containing[i]!.reduce((a, b) => a + b, 0n)).toBe(BigInt(expected));
        }
      }
    });
  }
});
