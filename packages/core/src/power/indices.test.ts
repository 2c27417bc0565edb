import { describe, expect, it } from "vitest";
import { buildDiagram } from "./diagram.js";
import { diagramCounts } from "./diagram-counts.js";
import { enumerateGame } from "./enumerate.js";
import { type SimpleGame, weightedGame } from "./game.js";
import { swingIndices } from "./indices.js";
import { formatRational } from "./rational.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

// UN Security Council (Charter art. 27(3)): 9 of 15 including the 5 permanent members, as the
// weighted game [39; 7,7,7,7,7,1,…,1] (5·7 + 4 = 39; without one permanent member at most 38).
const unsc: SimpleGame = weightedGame(ids(15), [7, 7, 7, 7, 7, ...new Array(10).fill(1)], 39);

// EEC Council of Ministers 1958 (Treaty of Rome art. 148): France, Germany, Italy 4; Belgium,
// Netherlands 2; Luxembourg 1; quota 12.
const eec: SimpleGame = weightedGame(ids(6), [4, 4, 4, 2, 2, 1], 12);

const exact = (g: SimpleGame) => swingIndices(diagramCounts(buildDiagram(g)));

describe("power indices against published values", () => {
  it("UN Security Council: Shapley–Shubik 421/2145 and 4/2145, Banzhaf swings 848 and 84", () => {
    // Published: Straffin (1994), "Power and stability in politics", Handbook of Game Theory vol. 2,
    // ch. 32: φ(permanent) = 421/2145 ≈ 0.1963, φ(non-permanent) = 4/2145 ≈ 0.0019; raw Banzhaf
    // swings 848 and 84 (Felsenthal & Machover 1998, The Measurement of Voting Power, §3.2).
    const r = exact(unsc);
    expect(formatRational(r.shapleyShubik[0]!)).toBe("421/2145");
    expect(formatRational(r.shapleyShubik[14]!)).toBe("4/2145");
    expect(r.banzhafRaw[0]).toBe(848n);
    expect(r.banzhafRaw[14]).toBe(84n);
  });

  it("EEC 1958: Shapley–Shubik 7/30 ×3, 3/20 ×2, 0 and normalised Banzhaf 5/21 ×3, 3/21 ×2, 0", () => {
    // Published: Felsenthal & Machover (1998), table 3.3.1 (EEC Council of Ministers, 1958–72);
    // Luxembourg is a dummy.
    const r = exact(eec);
    expect(r.shapleyShubik.map(formatRational)).toEqual(["7/30", "7/30", "7/30", "3/20", "3/20", "0"]);
    expect(r.banzhafNormalised.map(formatRational)).toEqual(["5/21", "5/21", "5/21", "1/7", "1/7", "0"]);
    expect(r.dummies).toEqual([5]);
  });

  it("UN Security Council: the diagram's counts equal the enumeration oracle's", () => {
    const o = enumerateGame(unsc);
    const d = diagramCounts(buildDiagram(unsc));
    expect(d.swings).toEqual(o.swings);
    expect(d.winning).toEqual(o.winning);
  });
});
