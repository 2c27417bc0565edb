import { describe, expect, it } from "vitest";
import {
  backtestCases,
  foldsOf,
  type ModelFamily,
  nestedCrossValidation,
  pairedBootstrap,
  summarizeErrors,
} from "./backtest.js";
import { isUsableDeuIssue, parseDeu } from "./deu.js";
import { deuToScenarios } from "./deu-scenario.js";
import { evaluateBacktest } from "./evaluate.js";
import { proceduralOutcome, winSetEdge } from "./procedural.js";

// Three rows in DEU III's layout (row 2: capabilities), two actors and two states: enough for each
// branch of the reader. Row d1 is usable; d2 has one actor with a position; d3 has no outcome.
const DEU = [
  [
    "isnr",
    "prnr",
    "prname",
    "proc",
    "counvte",
    "pcom",
    "pep",
    "pde",
    "pfr",
    "scom",
    "sep",
    "sde",
    "sfr",
    "rp",
    "out",
  ],
  ["", "", "", "", "", "4", "4", "4", "2", "", "", "", "", "", ""],
  ["d1i1", "d1", "cars", "COD", "QMV", "100", "80", "0", "50", "50", "40", "100", "0", "0", "60"],
  ["d1i2", "d1", "cars", "CNS", "Unan", "100", "", "", "", "50", "40", "100", "80", "0", "60"],
  ["d2i1", "d2", "fish", "COD", "QMV", "100", "0", "0", "0", "10", "10", "10", "10", "", ""],
]
  .map((r, i) => r.map((c) => (i === 0 || Number.isNaN(Number(c)) ? `"${c}"` : c)).join("\t"))
  .join("\n");

describe("DEU III reader", () => {
  it("keeps actors with a position and a positive salience, capability from row 2", () => {
    const r = parseDeu(DEU);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [a, b, c] = r.issues;
    // France's salience is 0 on d1i1: it is left out.
    expect(a!.stakes.map((s) => [s.actor, s.capability, s.position, s.salience])).toEqual([
      ["com", 4, 100, 50],
      ["ep", 4, 80, 40],
      ["de", 4, 0, 100],
    ]);
    expect(a).toMatchObject({ procedure: "codecision", councilRule: "qmv", referencePoint: 0, outcome: 60 });
    expect(b!.councilRule).toBe("unanimity");
    expect(r.issues.map(isUsableDeuIssue)).toEqual([true, false, false]);
    expect(c!.outcome).toBeUndefined();
  });

  it("names the column of a missing capability", () => {
    const bad = DEU.replace("\t4\t4\t4\t2", "\t4\t4\t\t2");
    const r = parseDeu(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: "deu_capability", line: 2, column: 8 });
  });

  it("gives scenarios whose backtest cases carry the outcome, reference point and procedure", () => {
    const r = parseDeu(DEU);
    if (!r.ok) throw new Error("parse");
    const scenarios = deuToScenarios(r.issues, "t.tsv");
    expect(scenarios.map((s) => s.issues.map((i) => i.id))).toEqual([["d1i1"]]);
    const { cases } = backtestCases(scenarios[0]!);
    expect(cases[0]).toMatchObject({
      outcome: 60,
      context: {
        referencePoint: 0,
        procedure: "codecision",
        councilRule: "qmv",
        agendaSetter: "com",
        parliament: "ep",
      },
    });
    // Compromise by hand: (4·50·100 + 4·40·80 + 4·100·0) / (4·50 + 4·40 + 4·100) = 32800 / 760.
    const ev = evaluateBacktest(cases, [], { outerFolds: 1, innerFolds: 1, resamples: 10 });
    expect(ev.cases[0]!.forecasts.compromise).toBeCloseTo(32800 / 760, 10);
  });

  it("measures Monte Carlo coverage under the imported confidences, the same for the same seed", () => {
    const r = parseDeu(DEU);
    if (!r.ok) throw new Error("parse");
    const { cases } = backtestCases(deuToScenarios(r.issues, "t.tsv")[0]!);
    const opts = { outerFolds: 1, innerFolds: 1, resamples: 10, runs: 50, seed: 4 };
    const a = evaluateBacktest(cases, [], opts).coverage!;
    // Confidence 0.8: positions move by 5 points at most one SD, so the interval around 43 misses 60.
    expect(a).toEqual([{ model: "compromise", runs: 50, covered: 0, share: 0 }]);
    expect(evaluateBacktest(cases, [], opts).coverage).toEqual(a);
  });
});

describe("procedural model", () => {
  it("finds the win set's edge as a brute-force scan of the axis does", () => {
    const xs = [10, 30, 55, 70, 90];
    const ws = [1, 2, 3, 1, 2];
    for (const rp of [0, 20, 60]) {
      for (const share of [0.5, 0.74, 1]) {
        for (const side of [1, -1] as const) {
          // Brute force: the farthest grid point from rp on that side (the edge may lie past the axis) that
          // `share` of the weight prefers.
          let edge = rp;
          for (let x = rp + side * 0.01; x >= -200 && x <= 300; x += side * 0.01) {
            let w = 0;
            xs.forEach((xi, i) => {
              if (Math.abs(xi - x) < Math.abs(xi - rp)) w += ws[i]!;
            });
            if (w >= share * 9 - 1e-9) edge = x;
          }
          expect(winSetEdge(xs, ws, rp, side, share)).toBeCloseTo(edge, 1);
        }
      }
    }
  });

  it("lets the Commission pull the outcome to the edge the Council and the Parliament accept", () => {
    const stake = (actor: string, ideal: number, capability = 1) => ({
      actor,
      capability,
      capabilityConfidence: 1,
      salience: 1,
      ideal,
      position: {} as never,
    });
    const spec = {
      issue: { id: "i", name: "i", kind: "numeric", unit: "u", min: 0, max: 100 } as const,
      stakes: [stake("com", 100), stake("ep", 30), stake("a", 20), stake("b", 40), stake("c", 60)],
    };
    const ctx = { referencePoint: 0, agendaSetter: "com", parliament: "ep" } as const;
    // QMV at 2/3 of three equal states: b and c prefer anything below 80 to 0 → 80; unanimity: a → 40.
    expect(
      proceduralOutcome(
        spec,
        { ...ctx, procedure: "consultation", councilRule: "qmv" },
        { qmvThreshold: 0.66 },
      ),
    ).toBeCloseTo(80);
    expect(
      proceduralOutcome(spec, { ...ctx, procedure: "consultation", councilRule: "unanimity" }),
    ).toBeCloseTo(40);
    // Codecision: the Parliament at 30 accepts up to 60.
    expect(
      proceduralOutcome(
        spec,
        { ...ctx, procedure: "codecision", councilRule: "qmv" },
        { qmvThreshold: 0.66 },
      ),
    ).toBeCloseTo(60);
  });
});

describe("scoring", () => {
  it("summarises errors as MAE, RMSE, median and share within 10", () => {
    expect(summarizeErrors([-5, 10, 20, -40])).toEqual({
      n: 4,
      mae: 18.75,
      rmse: Math.sqrt((25 + 100 + 400 + 1600) / 4),
      medianError: 15,
      within10: 0.5,
    });
  });

  it("gives a zero-width interval for a model against itself and a negative one for a better model", () => {
    const outcome = Float64Array.from({ length: 50 }, (_, i) => i * 2);
    const good = outcome.map((x, i) => x + (i % 2 ? 1 : -1));
    const bad = outcome.map((x) => x + 10);
    expect(pairedBootstrap(bad, bad, outcome)).toEqual({ difference: 0, lo: 0, hi: 0 });
    const d = pairedBootstrap(good, bad, outcome, { seed: 3 });
    expect(d.difference).toBe(-9);
    expect(d.hi).toBeLessThan(0);
  });

  it("deals folds of near-equal size, the same for the same seed", () => {
    const f = foldsOf(23, 5, 7);
    expect(Array.from(f)).toEqual(Array.from(foldsOf(23, 5, 7)));
    const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((x) => x === k).length);
    expect(sizes.sort()).toEqual([4, 4, 5, 5, 5]);
  });

  it("scores each outer fold with the setting chosen on the others (a setting right only out of fold never wins)", () => {
    const outcome = Float64Array.from({ length: 40 }, (_, i) => i);
    const f: ModelFamily = {
      name: "f",
      description: "",
      settings: ["exact", "off by 5"],
      predictions: [outcome.slice(), outcome.map((x) => x + 5)],
    };
    const [cv, selected] = nestedCrossValidation([f], outcome, { outerFolds: 4, innerFolds: 3 });
    expect(cv!.chosen).toEqual(["exact", "exact", "exact", "exact"]);
    expect(Array.from(cv!.predictions)).toEqual(Array.from(outcome));
    expect(selected!.chosen).toEqual(["f", "f", "f", "f"]);
  });
});
