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

  it("finds an exact count on a 6 issues × 5 options × 6 actors space", () => {
    const space = randomSpace(mulberry32(99), { issues: 6, options: 5, actors: 6 });
    const r = countAcceptable(prepare(space));
    expect(r.exact).toBe(true);
    expect(r.lower).toBe(oracleCount(space));
  });
});
