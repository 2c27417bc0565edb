import { describe, expect, it } from "vitest";
import { enumeratePackages } from "./enumerate.js";
import { improveBatnaCase, scenarioOf } from "./fixtures/minimal-cases.js";
import { packageIndices, spaceFromScenario } from "./from-scenario.js";
import { improveOn, paretoFrontier } from "./pareto.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { type AgreementSpace, packageUtilities, UTILITY_EPS, wouldEachAccept } from "./space.js";

/** Oracle: distinct utility vectors of acceptable packages that no acceptable package dominates. */
function oracleFrontier(space: AgreementSpace): string[] {
  const pts: number[][] = [];
  enumeratePackages(space, (_p, u, ok) => {
    if (ok) pts.push(Array.from(u));
  });
  const dom = (x: number[], y: number[]) =>
    x.every((v, a) => v >= y[a]! - UTILITY_EPS) && x.some((v, a) => v > y[a]! + UTILITY_EPS);
  const front = pts.filter((y) => !pts.some((x) => dom(x, y)));
  return [...new Set(front.map((u) => u.map((v) => v.toFixed(9)).join()))].sort();
}

describe("paretoFrontier", () => {
  it.each(Array.from({ length: 16 }, (_, i) => i + 1))("matches enumeration on seeded space %i", (seed) => {
    const r = mulberry32(seed * 31);
    const space = randomSpace(mulberry32(seed), {
      issues: 2 + Math.floor(r() * 4),
      options: 2 + Math.floor(r() * 3),
      actors: 1 + Math.floor(r() * 4),
      shape: seed % 2 ? "camps" : "uniform",
    });
    const got = paretoFrontier(space);
    expect(got.complete).toBe(true);
    const keys = got.points.map((pt) => pt.utilities.map((v) => v.toFixed(9)).join()).sort();
    expect(keys).toEqual(oracleFrontier(space));
  });

  it("falls back to a proven-Pareto subset when the frontier exceeds the cap", () => {
    const space = randomSpace(mulberry32(5), {
      issues: 6,
      options: 5,
      actors: 4,
      shape: "uniform",
      redLineRate: 0,
    });
    const got = paretoFrontier(space, { maxPoints: 3, subset: 5, rand: mulberry32(1) });
    expect(got.complete).toBe(false);
    const all = oracleFrontier(space);
    for (const pt of got.points) expect(all).toContain(pt.utilities.map((v) => v.toFixed(9)).join());
  });
});

describe("improveOn (post-settlement)", () => {
  it.each([1, 2, 3, 4, 5, 6])(
    "finds a dominating package exactly when enumeration does (seed %i)",
    (seed) => {
      const space = randomSpace(mulberry32(seed), { issues: 4, options: 4, actors: 3, redLineRate: 0 });
      const proposal = space.statusQuo!;
      const pu = packageUtilities(space, proposal);
      let best = -Infinity;
      let total = 0;
      for (const v of pu) total += v;
      enumeratePackages(
        space,
        (_p, u, ok) => {
          if (!ok) return;
          let s = 0;
          for (const v of u) s += v;
          best = Math.max(best, s);
        },
        pu,
      );
      const got = improveOn(space, proposal);
      expect(got.improvable).toBe(best > total + 1e-9);
      if (got.best) expect(got.best.value).toBeCloseTo(best, 9);
    },
  );
});

describe("improveOn respects every actor's disagreement utility", () => {
  it("does not offer (y1, x2), which A (BATNA 0.8, utility 0.5 there) rejects, as an improvement on (y1, y2)", () => {
    const ss = spaceFromScenario(scenarioOf(improveBatnaCase));
    const proposal = packageIndices(ss, { i1: "y1", i2: "y2" });
    const got = improveOn(ss.space, proposal);
    // The one package A accepts is (x1, x2), which leaves B (0.17) worse off than the proposal (0.83).
    expect(got.best).toBeNull();
    expect(got.improvable).toBe(false);
    expect(got.count.lower).toBe(0);
  });
  it.each([1, 2, 3, 4, 5, 6])("counts and maximises only over acceptable packages (seed %i)", (seed) => {
    const space = randomSpace(mulberry32(seed), { issues: 4, options: 4, actors: 3, redLineRate: 0.2 });
    const r = mulberry32(seed + 100);
    const proposal = space.issues.map((iss) => Math.floor(r() * iss.options.length));
    const pu = packageUtilities(space, proposal);
    const t = Array.from(pu, (v, a) => Math.max(v, space.disagreement[a]!));
    let n = 0;
    let best = -Infinity;
    enumeratePackages(space, (_p, u, ok) => {
      if (!ok || !Array.from(u).every((v, a) => v >= t[a]! - UTILITY_EPS)) return;
      n++;
      best = Math.max(
        best,
        u.reduce((s, v) => s + v, 0),
      );
    });
    const got = improveOn(space, proposal);
    expect(got.count.lower).toBe(n);
    if (got.best) {
      expect(got.best.value).toBeCloseTo(best, 9);
      expect(wouldEachAccept(space, got.best.package!).every((v) => v.accepts)).toBe(true);
    }
  });
});
