import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { baselineForecast, weightedMean, weightedMedian } from "./baseline.js";

const fixture = new URL("../model/fixtures/small.yaml", import.meta.url);
const parsed = parseScenario(readFileSync(fixture, "utf8"), "small.yaml");
if (!parsed.ok) throw new Error("fixture small.yaml must be valid");
const scenario = parsed.scenario;
const issue = (id: string) => scenario.issues.find((i) => i.id === id)!;

describe("weightedMean", () => {
  it("is Σwx/Σw", () => {
    // (1·0 + 3·100) / 4 = 75
    expect(weightedMean([0, 100], [1, 3])).toBe(75);
  });
  it("is NaN when no one has weight", () => {
    expect(weightedMean([1, 2], [0, 0])).toBeNaN();
  });
});

describe("weightedMedian", () => {
  it("is the point where the cumulative weight first passes half", () => {
    // weights 1, 1, 3 (total 5, half 2.5): cumulative 1, 2, 5 → passes half at 30
    expect(weightedMedian([10, 20, 30], [1, 1, 3])).toBe(30);
  });
  it("takes the midpoint when the cumulative weight is exactly half", () => {
    // weights 2, 2: cumulative 2 = half of 4 at 10 → midpoint of 10 and 20
    expect(weightedMedian([20, 10], [2, 2])).toBe(15);
  });
  it("ignores actors without weight", () => {
    expect(weightedMedian([0, 50, 100], [0, 1, 0])).toBe(50);
  });
});

describe("baselineForecast on the hand-worked fixture (small.yaml)", () => {
  it("forecasts the numeric force ceiling", () => {
    // weights: A 3×1 = 3 at 90, B 1×0.5 = 0.5 at 30, C 2×0.5 = 1 at 50
    // mean = (3·90 + 0.5·30 + 1·50) / 4.5 = 335 / 4.5 = 74.444…
    // median: sorted 30 (0.5), 50 (1.5 cumulative), 90 (4.5) → passes 2.25 at 90
    const f = baselineForecast(scenario, issue("ceiling"));
    expect(f.mean.value).toBeCloseTo(335 / 4.5, 10);
    expect(f.median.value).toBe(90);
  });
  it("forecasts the ordinal issue on its 0–100 axis and maps it to the nearest option", () => {
    // options member 0, partner 50, neutral 100 (evenly spaced)
    // weights: A 3×0.5 = 1.5 at 0, B 1×1 = 1 at 100, C 2×0.25 = 0.5 at 50
    // mean = (0 + 100 + 25) / 3 = 41.67 → nearest option partner (50)
    // median: sorted 0 (1.5 = exactly half of 3) → midpoint of 0 and 50 = 25 → nearest member (0)
    const f = baselineForecast(scenario, issue("status"));
    expect(f.mean.value).toBeCloseTo(125 / 3, 10);
    expect(f.mean.outcome).toBe("partner");
    expect(f.median.value).toBe(25);
    expect(f.median.outcome).toBe("member");
  });
});
