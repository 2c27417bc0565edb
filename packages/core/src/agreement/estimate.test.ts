import { describe, expect, it } from "vitest";
import { enumeratePackages } from "./enumerate.js";
import { estimateCount } from "./estimate.js";
import { prepare } from "./prepare.js";
import { mulberry32, randomSpace } from "./random-space.js";

function oracleCount(space: ReturnType<typeof randomSpace>): number {
  let n = 0;
  enumeratePackages(space, (_p, _u, ok) => {
    if (ok) n++;
  });
  return n;
}

// Spaces of up to 7 issues × 5 options × 6 actors: enumeration (≤ 78,125 packages) is the truth.
const spaces = Array.from({ length: 12 }, (_, i) => {
  const seed = i + 1;
  const r = mulberry32(seed * 7919);
  return {
    seed,
    space: randomSpace(mulberry32(seed), {
      issues: 4 + Math.floor(r() * 4),
      options: 3 + Math.floor(r() * 3),
      actors: 2 + Math.floor(r() * 5),
      shape: seed % 4 ? "camps" : "uniform",
      redLineRate: 0.1,
    }),
  };
});

describe("estimateCount", () => {
  it.each(spaces)(
    "seed $seed: within 4 standard errors and 5% of the enumerated count",
    ({ seed, space }) => {
      const truth = oracleCount(space);
      const e = estimateCount(prepare(space), {
        rand: mulberry32(seed),
        minSamples: 4000,
        maxSamples: 20_000,
      });
      if (truth === 0) {
        expect(e.estimate).toBe(0);
        return;
      }
      expect(Math.abs(e.estimate - truth)).toBeLessThanOrEqual(4 * e.standardError + 1e-9 * truth);
      expect(Math.abs(e.estimate / truth - 1)).toBeLessThan(0.05);
      expect(e.low).toBeLessThanOrEqual(e.estimate);
      expect(e.high).toBeGreaterThanOrEqual(e.estimate);
    },
  );

  it("is exact, with no spread, when every package is acceptable", () => {
    const space = randomSpace(mulberry32(3), { issues: 6, options: 4, actors: 3, redLineRate: 0 });
    // Thresholds of 0: every package gives every actor at least 0, so the walk stops at the root.
    const e = estimateCount(prepare(space, { thresholds: [0, 0, 0] }), { rand: mulberry32(1) });
    expect(e.estimate).toBe(4 ** 6);
    expect(e.standardError).toBe(0);
  });

  it("is 0 when nothing is acceptable", () => {
    const space = randomSpace(mulberry32(5), { issues: 5, options: 4, actors: 3 });
    // A threshold above 1 (the ideal package's utility) cannot be met.
    const e = estimateCount(prepare(space, { thresholds: [1.5, 0, 0] }), { rand: mulberry32(1) });
    expect(e.estimate).toBe(0);
  });

  it("gives the same estimate for the same seed, and stops at the target error", () => {
    const space = spaces[1]!.space;
    const a = estimateCount(prepare(space), { rand: mulberry32(9), targetRelativeError: 0.01 });
    const b = estimateCount(prepare(space), { rand: mulberry32(9), targetRelativeError: 0.01 });
    expect(a).toEqual(b);
    expect(a.standardError).toBeLessThanOrEqual(0.01 * a.estimate);
  });
});
