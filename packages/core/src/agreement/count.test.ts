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
});
