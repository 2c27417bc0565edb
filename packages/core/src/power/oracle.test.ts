import { describe, expect, it } from "vitest";
import type { DecisionRule } from "../model/decision-rule.js";
import { compileRule } from "./compile.js";
import { buildDiagram } from "./diagram.js";
import { diagramCounts } from "./diagram-counts.js";
import { enumerateGame } from "./enumerate.js";
import { playerIds, randomRule } from "./game-fixtures.test-util.js";
import { seededRandom } from "./prng.js";

const types: DecisionRule["type"][] = [
  "unanimity",
  "k-of-n",
  "weighted",
  "veto-set",
  "double-majority",
  "and",
  "or",
];

describe("diagram counts equal the enumeration oracle on random games (seeded)", () => {
  for (const type of types) {
    it(`${type}: 30 random games of 1–12 players`, () => {
      const rnd = seededRandom(1000 + types.indexOf(type));
      for (let trial = 0; trial < 30; trial++) {
        const n = 1 + Math.floor(rnd() * 12);
        const game = compileRule(randomRule(rnd, playerIds(n), type), playerIds(n));
        const exact = diagramCounts(buildDiagram(game));
        const oracle = enumerateGame(game);
        expect(exact.swings).toEqual(oracle.swings);
        expect(exact.winning).toEqual(oracle.winning);
      }
    });
  }

  it("20 players: one random game of every rule type", () => {
    const rnd = seededRandom(20);
    const ids = playerIds(20);
    for (const type of types) {
      const game = compileRule(randomRule(rnd, ids, type, 1), ids);
      const exact = diagramCounts(buildDiagram(game));
      const oracle = enumerateGame(game);
      expect(exact.swings, type).toEqual(oracle.swings);
      expect(exact.winning, type).toEqual(oracle.winning);
    }
  });
});
