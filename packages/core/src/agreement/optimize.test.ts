import { describe, expect, it } from "vitest";
import { enumeratePackages } from "./enumerate.js";
import { maximize, type Objective, objectiveValue } from "./optimize.js";
import { prepare } from "./prepare.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { bargainingSolutions } from "./solutions.js";
import { type AgreementSpace, createSpace } from "./space.js";
import { lagrangianSurrogate } from "./surrogate.js";

/** Brute-force oracle: best objective value over every acceptable package. */
function oracleBest(space: AgreementSpace, obj: Objective): number {
  let best = -Infinity;
  enumeratePackages(space, (_p, u, ok) => {
    if (!ok) return;
    const v = objectiveValue(obj, u, space.disagreement);
    if (v > best) best = v;
  });
  return best;
}

function oracleUtopia(space: AgreementSpace): number[] {
  const best = space.actors.map(() => -Infinity);
  enumeratePackages(space, (_p, u, ok) => {
    if (!ok) return;
    for (let a = 0; a < u.length; a++) best[a] = Math.max(best[a]!, u[a]!);
  });
  return best;
}

describe("maximize matches full enumeration on seeded random spaces", () => {
  const cases: [number, number, number, number, "camps" | "uniform"][] = [];
  for (let seed = 1; seed <= 24; seed++) {
    const r = mulberry32(seed * 7919);
    cases.push([
      seed,
      2 + Math.floor(r() * 5),
      2 + Math.floor(r() * 4),
      1 + Math.floor(r() * 6),
      seed % 2 ? "camps" : "uniform",
    ]);
  }
  it.each(cases)("seed %i: %i issues × %i options × %i actors (%s)", (seed, I, K, A, shape) => {
    const space = randomSpace(mulberry32(seed), { issues: I, options: K, actors: A, shape });
    const p = prepare(space);
    const utopia = oracleUtopia(space);
    const objectives: Objective[] = [
      { kind: "utilitarian" },
      { kind: "nash" },
      { kind: "egalitarian" },
      { kind: "ks", utopia },
      { kind: "actor", actor: 0 },
      { kind: "weighted", weights: space.actors.map((_, a) => (a + 1) / A) },
    ];
    for (const obj of objectives) {
      const want = oracleBest(space, obj);
      const got = maximize(p, obj);
      expect(got.exact).toBe(true);
      if (want === -Infinity) {
        expect(got.package).toBeNull();
      } else {
        expect(got.value).toBeCloseTo(want, 9);
        // The reported package really scores what is claimed.
        expect(objectiveValue(obj, got.utilities, space.disagreement)).toBeCloseTo(want, 9);
      }
    }
  });
});

describe("each actor's utopia (its best acceptable utility)", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    "seed %i: equals enumeration; the Lagrangian bound lies between it and the actor's own best",
    (seed) => {
      const space = randomSpace(mulberry32(seed), {
        issues: 6,
        options: 4,
        actors: 5,
        shape: seed % 2 ? "camps" : "uniform",
      });
      const p = prepare(space);
      const utopia = oracleUtopia(space);
      for (let a = 0; a < space.actors.length; a++) {
        const got = maximize(p, { kind: "actor", actor: a });
        expect(got.exact).toBe(true);
        if (utopia[a] === -Infinity) {
          expect(got.package).toBeNull();
          continue;
        }
        expect(got.value).toBeCloseTo(utopia[a]!, 9);
        // The bound at the root: max over packages of (e_a + λ)·u minus Σ λ_b t_b, plus nothing else.
        const s = lagrangianSurrogate(
          p,
          Float64Array.from(space.actors, (_, b) => (b === a ? 1 : 0)),
        );
        const bound = s.suffix[0]! - s.wt + p.thresholds[a]!;
        expect(bound).toBeGreaterThanOrEqual(utopia[a]! - 1e-9);
        expect(bound).toBeLessThanOrEqual(p.maxRem[a]! + 1e-9);
      }
    },
  );
});

describe("maximize above an incumbent", () => {
  it.each([1, 2, 3, 4, 5, 6])(
    "seed %i: finds the optimum when it beats the incumbent, nothing otherwise",
    (seed) => {
      const space = randomSpace(mulberry32(seed), { issues: 4, options: 4, actors: 4 });
      const p = prepare(space);
      for (const obj of [{ kind: "nash" }, { kind: "egalitarian" }] as Objective[]) {
        const want = oracleBest(space, obj);
        if (want === -Infinity) continue;
        // Just below the optimum (enumeration): the search must still reach it.
        const below = maximize(p, obj, { above: want - 1e-6 });
        expect(below.value).toBeCloseTo(want, 9);
        // At the optimum: nothing scores strictly more, and the search proves it.
        const at = maximize(p, obj, { above: want + 1e-9 });
        expect(at.package).toBeNull();
        expect(at.exact).toBe(true);
      }
    },
  );
});

describe("maximize with given surrogate weights", () => {
  it.each([1, 2, 3, 4])("seed %i: the optimum does not depend on the weights, only the work", (seed) => {
    const space = randomSpace(mulberry32(seed), { issues: 5, options: 4, actors: 5 });
    const p = prepare(space);
    // Arbitrary positive weights (not optimised): bounds stay valid, so the optimum is the same.
    const r = mulberry32(seed + 100);
    const weights = {
      feasibility: Float64Array.from(space.actors, () => 0.1 + r()),
      objective: Float64Array.from(space.actors, () => 0.1 + r()),
    };
    for (const obj of [{ kind: "nash" }, { kind: "egalitarian" }, { kind: "utilitarian" }] as Objective[]) {
      const want = oracleBest(space, obj);
      const got = maximize(p, obj, { surrogateWeights: weights });
      expect(got.exact).toBe(true);
      if (want === -Infinity) expect(got.package).toBeNull();
      else expect(got.value).toBeCloseTo(want, 9);
    }
  });
});

describe("hand-worked two-party cases", () => {
  // One issue, options 0..4 on a line. A's utility (k)/4... B's (4-k)/4: linear split of a pie.
  // Both disagree at 0. Nash maximises k(4−k) → k = 2, gains (0.5, 0.5); KS: utopia (1, 1), line
  // from (0,0) to (1,1) → also k = 2. Utilitarian: every k sums to 1 (tie; value 1).
  const pie = createSpace({
    actors: ["A", "B"],
    issues: [{ id: "split", options: ["0", "1", "2", "3", "4"] }],
    stances: [
      [{ utility: [0, 0.25, 0.5, 0.75, 1], salience: 1 }],
      [{ utility: [1, 0.75, 0.5, 0.25, 0], salience: 1 }],
    ],
    batna: [0, 0],
  });

  it("splits a linear pie equally under Nash and KS", () => {
    const s = bargainingSolutions(pie);
    expect(s.nash.package).toEqual([2]);
    expect(s.kalaiSmorodinsky.package).toEqual([2]);
    expect(s.utilitarian.value).toBeCloseTo(1, 12);
  });

  // Classic case where Nash and KS differ (after Kalai & Smorodinsky 1975's monotonicity example):
  // B's utility is capped: options x = 0..10 give A: x/10, B: min(1, (10−x)/5)·… we use a table.
  // Options (uA, uB): (0,1) (0.25,1) (0.5,0.9) (0.75,0.6) (1,0). Disagreement (0, 0).
  // Nash products: 0, 0.25, 0.45, 0.45, 0 → tie of 0.45 between (0.5,0.9) and (0.75,0.6).
  // Make it strict: (0.75, 0.62) → 0.465 > 0.45, so Nash picks option 3.
  // KS: utopia (1, 1); min(uA, uB): 0, 0.25, 0.5, 0.62, 0 → option 3 as well; use a shifted utopia:
  // if B's best is capped at 0.9 by a red line on option 0 and 1, utopia = (1, 0.9);
  // ratios min(uA/1, uB/0.9): opt2 min(0.5, 1) = 0.5, opt3 min(0.75, 0.689) = 0.689 → option 3.
  it("finds the Nash package of a non-linear frontier by hand computation", () => {
    const sp = createSpace({
      actors: ["A", "B"],
      issues: [{ id: "x", options: ["0", "1", "2", "3", "4"] }],
      stances: [
        [{ utility: [0, 0.25, 0.5, 0.75, 1], salience: 1 }],
        [{ utility: [1, 1, 0.9, 0.62, 0], salience: 1 }],
      ],
      batna: [0, 0],
    });
    const s = bargainingSolutions(sp);
    expect(s.nash.package).toEqual([3]);
    expect(Math.exp(s.nash.value)).toBeCloseTo(0.75 * 0.62, 12);
  });

  it("separates Nash from Kalai–Smorodinsky when a red line caps one side's utopia", () => {
    // One issue, options as (uA, uB) with disagreement (0, 0):
    // P0 (1, 0.2)  P1 (0.7, 0.5)  P2 (0.45, 0.74)  P3 (0.1, 1); B rejects P0 (red line).
    // Utopia over the acceptable set: A 0.7 (P1), B 1 (P3).
    // Nash products: P1 0.35, P2 0.333, P3 0.1 → P1.
    // KS min(uA/0.7, uB/1): P1 min(1, 0.5) = 0.5, P2 min(0.643, 0.74) = 0.643, P3 0.1 → P2.
    // Egalitarian min(uA, uB): P1 0.5, P2 0.45 → P1. Utilitarian sums: 1.2, 1.19, 1.1 → P1.
    const sp = createSpace({
      actors: ["A", "B"],
      issues: [{ id: "x", options: ["P0", "P1", "P2", "P3"] }],
      stances: [
        [{ utility: [1, 0.7, 0.45, 0.1], salience: 1 }],
        [{ utility: [0.2, 0.5, 0.74, 1], salience: 1, rejects: [0] }],
      ],
      batna: [0, 0],
    });
    const s = bargainingSolutions(sp);
    expect(s.utopia.map((x) => x.utility)).toEqual([0.7, 1]);
    expect(s.nash.package).toEqual([1]);
    expect(s.kalaiSmorodinsky.package).toEqual([2]);
    expect(s.egalitarian.package).toEqual([1]);
    expect(s.utilitarian.package).toEqual([1]);
  });
});
