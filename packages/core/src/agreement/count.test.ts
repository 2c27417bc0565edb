import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countAcceptable } from "./count.js";
import { enumeratePackages } from "./enumerate.js";
import { prepare } from "./prepare.js";
import { mulberry32, randomSpace } from "./random-space.js";
import { wouldEachAccept } from "./space.js";

function cases(n: number): [number, number, number, number, "camps" | "uniform"][] {
  const out: [number, number, number, number, "camps" | "uniform"][] = [];
  for (let seed = 1; seed <= n; seed++) {
    const r = mulberry32(seed * 104729);
    out.push([
      seed,
      2 + Math.floor(r() * 5),
      2 + Math.floor(r() * 4),
      1 + Math.floor(r() * 6),
      seed % 3 ? "camps" : "uniform",
    ]);
  }
  return out;
}

function oracleCount(space: ReturnType<typeof randomSpace>): number {
  let n = 0;
  enumeratePackages(space, (_p, _u, ok) => {
    if (ok) n++;
  });
  return n;
}

describe("countAcceptable agrees with full enumeration", () => {
  it.each(cases(30))("seed %i: %i issues × %i options × %i actors (%s), exact", (seed, I, K, A, shape) => {
    const space = randomSpace(mulberry32(seed), {
      issues: I,
      options: K,
      actors: A,
      shape,
      redLineRate: 0.1,
    });
    const r = countAcceptable(prepare(space), { sample: 4, rand: mulberry32(seed) });
    expect(r.exact).toBe(true);
    expect(r.lower).toBe(oracleCount(space));
    expect(r.upper).toBe(r.lower);
    for (const pkg of r.sample) expect(wouldEachAccept(space, pkg).every((v) => v.accepts)).toBe(true);
    expect(new Set(r.sample.map((x) => x.join())).size).toBe(r.sample.length);
    if (r.lower > 0) expect(r.sample.length).toBeGreaterThan(0);
  });

  it.each(cases(30))(
    "seed %i: %i issues × %i options × %i actors (%s), bounds under a tiny budget",
    (seed, I, K, A, shape) => {
      const space = randomSpace(mulberry32(seed), {
        issues: I,
        options: K,
        actors: A,
        shape,
        redLineRate: 0.1,
      });
      const r = countAcceptable(prepare(space), { nodeBudget: 12 });
      const truth = oracleCount(space);
      expect(r.lower).toBeLessThanOrEqual(truth);
      expect(r.upper).toBeGreaterThanOrEqual(truth);
      if (r.exact) expect(r.lower).toBe(truth);
    },
  );

  it.each(cases(30))(
    "seed %i: %i issues × %i options × %i actors (%s), rounding-DP bounds without a table",
    (seed, I, K, A, shape) => {
      const space = randomSpace(mulberry32(seed), {
        issues: I,
        options: K,
        actors: A,
        shape,
        redLineRate: 0.1,
      });
      // tableSize 1 disables the meet-in-the-middle table, so undecided subtrees get rounding-DP bounds.
      const r = countAcceptable(prepare(space), { nodeBudget: 16, tableSize: 1 });
      const truth = oracleCount(space);
      expect(r.lower).toBeLessThanOrEqual(truth);
      expect(r.upper).toBeGreaterThanOrEqual(truth);
    },
  );

  it("counts exactly through a small meet-in-the-middle table (last issues only)", () => {
    const space = randomSpace(mulberry32(7), { issues: 6, options: 5, actors: 5, shape: "uniform" });
    // A table of at most 125 completions covers the last three issues. With 2,000 nodes the plain
    // full-depth pass (an eighth of the budget) gives up, and a deepening pass that stops at depth 3
    // is exact only because the table counted every completion below it.
    const r = countAcceptable(prepare(space), { nodeBudget: 2000, tableSize: 125 });
    expect(r.exact).toBe(true);
    expect(r.depth).toBe(3);
    expect(r.lower).toBe(oracleCount(space));
  });

  it("finds an exact count on a 6 issues × 5 options × 6 actors space", () => {
    const space = randomSpace(mulberry32(99), { issues: 6, options: 5, actors: 6 });
    const r = countAcceptable(prepare(space));
    expect(r.exact).toBe(true);
    expect(r.lower).toBe(oracleCount(space));
  });

  it("proves an interval whatever the budget, also when a pass is cut short (random small spaces)", () => {
    // Budgets from 1 node to a few thousand stop the passes at every point: in the plain pass, in a
    // deepening pass (the unvisited siblings are then bounded), or not at all (exact).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.boolean(),
        (seed, I, K, A, budget, uniform) => {
          const space = randomSpace(mulberry32(seed), {
            issues: I,
            options: K,
            actors: A,
            shape: uniform ? "uniform" : "camps",
            redLineRate: 0.1,
          });
          const truth = oracleCount(space);
          for (const tableSize of [1, 30]) {
            const r = countAcceptable(prepare(space), { nodeBudget: budget, tableSize, sample: 0 });
            expect(r.lower).toBeLessThanOrEqual(truth);
            expect(r.upper).toBeGreaterThanOrEqual(truth);
            if (r.exact) expect(r.lower).toBe(truth);
          }
        },
      ),
      { seed: 20261123, numRuns: 150 },
    );
  });

  it("bounds a count it cannot finish by an interval that excludes neither end trivially", () => {
    // 8 issues × 5 options × 6 actors (uniform utilities): 40,500 packages after red lines, 6,437
    // acceptable by enumeration. 3,000 nodes do not finish the search, yet the interval is proven
    // (it contains the enumerated count) and informative: above 0 and below every package.
    const space = randomSpace(mulberry32(6), { issues: 8, options: 5, actors: 6, shape: "uniform" });
    const truth = oracleCount(space);
    const p = prepare(space);
    const r = countAcceptable(p, { nodeBudget: 3000, tableSize: 1, sample: 0 });
    expect(r.exact).toBe(false);
    expect(r.lower).toBeGreaterThan(0);
    expect(r.lower).toBeLessThanOrEqual(truth);
    expect(r.upper).toBeGreaterThanOrEqual(truth);
    expect(r.upper).toBeLessThan(p.size[0]!);
  });
});
