import { describe, expect, it } from "vitest";
import { discloseZone } from "./zone-disclosure.js";

describe("discloseZone", () => {
  const pkg = { troops: "none" };
  it("reports a count only by decade: 37 proven packages → at least 10, below 100", () => {
    const d = discloseZone({
      exists: true,
      count: { lower: 37, upper: 37, exact: true },
      total: 900,
      nash: pkg,
      suggestions: [],
    });
    expect(d.count).toEqual({ atLeast: 10, below: 100 });
    expect(d.nash).toEqual(pkg);
  });
  it("withholds every package when fewer than 10 are acceptable", () => {
    const d = discloseZone({
      exists: true,
      count: { lower: 3, upper: 3, exact: true },
      total: 9,
      nash: pkg,
      suggestions: [{ kind: "utilitarian", package: pkg }],
    });
    expect([d.nash, d.suggestions, d.count]).toEqual([null, [], { atLeast: 1, below: 10 }]);
  });
  it("says 0 (below 1) when no package is acceptable", () => {
    const d = discloseZone({
      exists: false,
      count: { lower: 0, upper: 0, exact: true },
      total: 9,
      nash: null,
      suggestions: [],
    });
    expect(d.count).toEqual({ atLeast: 0, below: 1 });
  });
});
