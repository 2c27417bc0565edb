import { describe, expect, it } from "vitest";
import type { DecisionRule } from "../model/decision-rule.js";
import { analyzeGame } from "./analysis.js";
import { compileRule } from "./compile.js";
import { isWinning } from "./game.js";
import { playerIds, randomRule } from "./game-fixtures.test-util.js";
import { seededRandom } from "./prng.js";
import { rational } from "./rational.js";

const types: DecisionRule["type"][] = [
  "unanimity",
  "k-of-n",
  "weighted",
  "veto-set",
  "double-majority",
  "and",
  "or",
];

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

describe("every index equals its textbook definition, computed by brute force (seeded, all rule types)", () => {
  for (const type of types) {
    it(`${type}: 8 random games of 1–7 players`, () => {
      const rnd = seededRandom(900 + types.indexOf(type));
      for (let trial = 0; trial < 8; trial++) {
        const n = 1 + Math.floor(rnd() * 7);
        const game = compileRule(randomRule(rnd, playerIds(n), type), playerIds(n));
        const r = analyzeGame(game);
        if (r.method !== "exact") throw new Error("expected exact");
        const wins = (mask: number) =>
          isWinning(
            game,
            game.players.map((_, i) => (mask & (1 << i)) !== 0),
          );
        // Shapley–Shubik: the pivot of each of the n! orders (Shapley & Shubik 1954).
        const pivots = new Array<number>(n).fill(0);
        const perms = permutations(n);
        for (const order of perms) {
          let mask = 0;
          if (wins(0)) continue;
          for (const i of order) {
            mask |= 1 << i;
            if (wins(mask)) {
              pivots[i]!++;
              break;
            }
          }
        }
        // Banzhaf and Coleman: swings over all coalitions without i.
        const all = 2 ** n;
        let winning = 0;
        for (let m = 0; m < all; m++) if (wins(m)) winning++;
        const swings = Array.from({ length: n }, (_, i) => {
          let k = 0;
          for (let m = 0; m < all; m++) if (!(m & (1 << i)) && !wins(m) && wins(m | (1 << i))) k++;
          return k;
        });
        const totalSwings = swings.reduce((a, b) => a + b, 0);
        for (let i = 0; i < n; i++) {
          expect(r.indices.shapleyShubik[i]).toEqual(rational(pivots[i]!, perms.length));
          expect(r.indices.banzhafRaw[i]).toBe(BigInt(swings[i]!));
          expect(r.indices.banzhafAbsolute[i]).toEqual(rational(swings[i]!, 2 ** (n - 1)));
          expect(r.indices.banzhafNormalised[i]).toEqual(
            rational(totalSwings ? swings[i]! : 0, totalSwings || 1),
          );
          expect(r.indices.colemanPrevent[i]).toEqual(rational(winning ? swings[i]! : 0, winning || 1));
          expect(r.indices.colemanInitiate[i]).toEqual(
            rational(all - winning ? swings[i]! : 0, all - winning || 1),
          );
        }
        expect(r.indices.passProbability).toEqual(rational(winning, all));
        const grand = all - 1;
        const vetoes = wins(grand)
          ? game.players.flatMap((_, i) => (wins(grand & ~(1 << i)) ? [] : [i]))
          : [];
        expect(r.vetoPlayers).toEqual(vetoes);
        expect(r.indices.dummies).toEqual(swings.flatMap((k, i) => (k === 0 ? [i] : [])));
      }
    });
  }
});
