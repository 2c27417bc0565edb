import { describe, expect, it } from "vitest";
import { enumeratePackages } from "./enumerate.js";
import { improveOn, paretoFrontier } from "./pareto.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { type AgreementSpace, packageUtilities, UTILITY_EPS } from "./space.js";

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
