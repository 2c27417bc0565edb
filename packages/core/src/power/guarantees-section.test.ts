import { describe, expect, it } from "vitest";
import { buildGuaranteesSection, inSentence } from "./guarantees-section.js";

const actors = [
  { id: "ru", name: "Russia", roles: ["party", "guarantor"] },
  { id: "ua", name: "Ukraine", roles: ["party"] },
  { id: "us", name: "United States", roles: ["guarantor"] },
  { id: "uk", name: "United Kingdom", roles: ["guarantor"] },
];
const support = [
  { guarantor: "us", against: "ru", probability: 0.5, source: "test", confidence: 1 },
  { guarantor: "uk", against: "ru", probability: 0.5, source: "test", confidence: 1 },
];
const mechanism = (id: string, name: string, rule: unknown, accusedVote: string) => ({
  id,
  name,
  guarantors: ["us", "uk", "ru"],
  rule,
  accusedVote,
  consultationHours: 72,
  support,
});

describe("guarantees section", () => {
  const section = buildGuaranteesSection({
    actors,
    mechanisms: [
      mechanism("u", "Unanimity including Russia", { type: "unanimity" }, "votes"),
      mechanism("a5", "Individual action (Article 5-like)", { type: "k-of-n", k: 1 }, "abstains"),
      mechanism("bad", "Broken", { type: "unanimity", of: ["xx"] }, "votes"),
    ],
  });

  it("states the issue's example finding for unanimity with the accused voting", () => {
    expect(section.findings[0]).toBe(
      "Under unanimity including Russia, no guarantee can be activated against Russia: it is a veto player.",
    );
  });

  it("gives the exact activation probability under individual action: 1 − (1/2)² = 3/4", () => {
    const ru = section.mechanisms[1]!.stress.find((r) => r.accused === "ru")!;
    expect(ru.probability.exact).toBe("3/4");
    // Expected time by hand: W(u) = 1 − (1 − u/2)²; ∫₀¹ W = 1 − 7/12 = 5/12;
    // E[T | activated] = 72 · (1 − (5/12)/(3/4)) = 72 · 4/9 = 32 h.
    expect(ru.expectedHours).toBeCloseTo(32, 10);
  });

  it("compares the rules side by side, one row per potential violator (parties and named targets)", () => {
    expect(section.comparison.violators.map((v) => v.id)).toEqual(["ru", "ua"]);
    expect(section.comparison.probability[0]!.map((c) => c?.exact)).toEqual(["0", "3/4"]);
  });

  it("reports a rule naming a non-guarantor as a problem with its path, not a crash", () => {
    expect(section.problems).toEqual([
      expect.objectContaining({
        mechanism: "bad",
        code: "not_a_guarantor",
        path: ["mechanisms", 2, "rule", "of", 0],
      }),
    ]);
  });

  it("is plain JSON (no BigInt), so the CLI and the web can serialise it", () => {
    expect(() => JSON.stringify(section)).not.toThrow();
  });

  it("reads a mechanism's name into a sentence", () => {
    expect(inSentence("UN Security Council decision (9 of 15)")).toBe("UN Security Council decision");
    expect(inSentence("Unanimity of all guarantors")).toBe("unanimity of all guarantors");
  });
});
