import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

interface CountJson {
  exact: boolean;
  lower: number;
  upper: number;
  estimate?: { estimate: number; low: number; high: number; confidence: number; samples: number };
}

const countOf = (args: string[]): CountJson => {
  const r = runCli(["agree", "--format", "json", ...args]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout).count as CountJson;
};

describe("entente agree: a count the budget cannot finish", () => {
  it("states proven bounds and a sampled estimate whose 99% interval holds the exact count", () => {
    // The exact count, from the same command with its default budget (a complete search).
    const exact = countOf([]);
    expect(exact.exact).toBe(true);
    expect(exact.estimate).toBeUndefined();
    // A budget of 20,000 nodes stops the search early: bounds only, and the estimate beside them.
    const cut = countOf(["--budget", "20000"]);
    expect(cut.exact).toBe(false);
    expect(cut.lower).toBeLessThanOrEqual(exact.lower);
    expect(cut.upper).toBeGreaterThanOrEqual(exact.lower);
    const e = cut.estimate!;
    expect(e.confidence).toBe(0.99);
    expect(e.low).toBeLessThanOrEqual(exact.lower);
    expect(e.high).toBeGreaterThanOrEqual(exact.lower);
    // Far tighter than the bounds: the interval is within 2% of the estimate either way.
    expect(e.high - e.low).toBeLessThan(0.04 * e.estimate);
    expect(cut.lower <= e.low && e.high <= cut.upper).toBe(true);
  });

  it("says in the terminal that the estimate is not a bound", () => {
    const r = runCli(["agree", "--budget", "20000"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /proven bounds.*estimated about [\d,]+ \(99% interval [\d,]+–[\d,]+, from [\d,]+ sampled walks: an estimate, not a bound\)/,
    );
  });
});
