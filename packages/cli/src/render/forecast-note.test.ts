import type { IssueForecastSection } from "@entente/core";
import { describe, expect, it } from "vitest";
import { headlineNote } from "./forecast.js";

// The case of the issue report: the ensemble's point forecast is "Agreed limits" (54) while its own
// Monte Carlo puts 65% on "Current posture" and 31% on "Agreed limits".
const issue = {
  issue: "nato-infrastructure",
  name: "NATO infrastructure",
  kind: "ordinal",
  options: [
    { id: "current", label: "Current posture" },
    { id: "limits", label: "Agreed limits" },
  ],
  headline: { value: 54, outcome: "limits" },
  distribution: {
    issue: "nato-infrastructure",
    draws: 1000,
    median: 40,
    p05: 20,
    p95: 70,
    optionProbabilities: { current: 0.65, limits: 0.31, rollback: 0.04 },
  },
} as unknown as IssueForecastSection;

describe("headlineNote", () => {
  it("explains a headline that is not the likeliest outcome of the draws, with both shares", () => {
    const note = headlineNote(issue, "ensemble");
    expect(note).toMatch(
      /^Why the headline \(Agreed limits \(54\)\) is not the likeliest outcome \(Current posture, 65% of draws; the headline's option 31%\)/,
    );
    expect(note).toContain("at its stated value");
  });
  it("says so briefly when they agree", () => {
    const same = { ...issue, headline: { value: 30, outcome: "current" } } as IssueForecastSection;
    expect(headlineNote(same, "ensemble")).toBe(
      "The headline (Current posture (30)) is also the likeliest outcome of the draws (65%).",
    );
  });
});
