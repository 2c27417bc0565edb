import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Issue } from "../model/issue.js";
import { parseScenario } from "../model/parse.js";
import { forecastModels } from "./ensemble.js";
import { type ForecastInput, forecastInputFromScenario, type Stake } from "./forecast-input.js";
import { drawInput, monteCarlo, quantile, runDrawBlock, summarizeDraws } from "./monte-carlo.js";
import { drawRng } from "./random.js";

const issue: Issue = {
  id: "i",
  name: "Issue",
  kind: "ordinal",
  options: ["a", "b", "c", "d", "e"].map((id) => ({ id, label: id })),
};
const stake = (actor: string, ideal: string, confidence: number): Stake => ({
  actor,
  capability: 10,
  capabilityConfidence: confidence,
  salience: 0.8,
  ideal,
  position: { actor, issue: "i", ideal, salience: 0.8, source: "test", confidence },
});
const input = (c: number): ForecastInput => ({
  batna: {},
  issues: [{ issue, stakes: [stake("A", "a", c), stake("B", "c", c), stake("C", "e", c)] }],
});

describe("Monte Carlo", () => {
  it("gives the same draws whether run in one block or split across blocks (thread count)", () => {
    const one = runDrawBlock(input(0.5), "compromise", 42, 0, 40);
    const a = runDrawBlock(input(0.5), "compromise", 42, 0, 17);
    const b = runDrawBlock(input(0.5), "compromise", 42, 17, 40);
    expect([...a.values, ...b.values]).toEqual([...one.values]);
    expect(summarizeDraws(input(0.5), [b, a])).toEqual(summarizeDraws(input(0.5), [one]));
  });

  it("changes with the seed and repeats with the same seed", () => {
    expect(drawInput(input(0.5), 1, 3)).toEqual(drawInput(input(0.5), 1, 3));
    expect(drawInput(input(0.5), 1, 3)).not.toEqual(drawInput(input(0.5), 2, 3));
  });

  it("collapses to the point forecast when every number is certain", () => {
    // Confidence 1: no draw moves; compromise of 0, 50, 100 with equal weights is 50 → option c.
    const [d] = monteCarlo(input(1), "compromise", 20, 7);
    expect(d!.median).toBe(50);
    expect(d!.p05).toBe(50);
    expect(d!.p95).toBe(50);
    expect(d!.optionProbabilities!.c).toBe(1);
  });

  it("widens the interval as confidence falls, and option probabilities sum to 1", () => {
    const [sure] = monteCarlo(input(0.9), "compromise", 300, 7);
    const [unsure] = monteCarlo(input(0.2), "compromise", 300, 7);
    expect(unsure!.p95! - unsure!.p05!).toBeGreaterThan(sure!.p95! - sure!.p05!);
    const total = Object.values(unsure!.optionProbabilities!).reduce((x, y) => x + y, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("computes quantiles like R's type 7", () => {
    // quantile(c(1,2,3,4), 0.05) in R = 1 + 0.15·(2 − 1) = 1.15; median = 2.5.
    expect(quantile([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it("draws normals with mean ≈ 0 and variance ≈ 1", () => {
    // 20,000 draws: the standard error of the mean is 1/√20000 ≈ 0.007, of the variance ≈ 0.01.
    const rng = drawRng(9, 0);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 20000; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / 20000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 20000 - 1)).toBeLessThan(0.05);
  });
});

describe("runDrawBlock's own draws", () => {
  // runDrawBlock redraws stakes without copying their positions (the models read the stake's ideal
  // and salience); drawInput copies them. The oracle: every model on drawInput's full draw.
  const path = new URL("./fixtures/ukraine-monte-carlo.yaml", import.meta.url);
  const parsed = parseScenario(readFileSync(path, "utf8"), "ukraine-monte-carlo.yaml");
  if (!parsed.ok) throw new Error("fixture scenario does not parse");
  const ukraine = forecastInputFromScenario(parsed.scenario);

  it.each(["nash", "eu", "smp", "ensemble"] as const)(
    "give %s the outcomes of drawInput's draws, bit for bit",
    (model) => {
      const block = runDrawBlock(ukraine, model, 7, 100, 106);
      const k = ukraine.issues.length;
      for (let d = 100; d < 106; d++) {
        const forecasts = forecastModels[model].forecast(drawInput(ukraine, 7, d), { trajectory: false });
        forecasts.forEach((f, i) => {
          expect(Object.is(block.values[(d - 100) * k + i], f.value ?? Number.NaN)).toBe(true);
        });
      }
    },
  );
});
