import { describe, expect, it } from "vitest";
import type { Mechanism } from "../model/mechanism.js";
import { formatRational, rationalToNumber } from "./rational.js";
import { probabilityValue, stressTest } from "./stress.js";

const base = (rule: Mechanism["rule"], accusedVote: Mechanism["accusedVote"] = "abstains"): Mechanism => ({
  id: "m",
  name: "test",
  guarantors: ["A", "B", "C", "X"],
  rule,
  accusedVote,
  consultationHours: 72,
  responses: [],
  support: ["A", "B", "C"].map((g) => ({
    guarantor: g,
    against: "X",
    probability: 0.5,
    source: "test",
    confidence: 1,
  })),
});

describe("guarantee stress test", () => {
  it("unanimity of the three others at 1/2 each: P = 1/8, expected time 3/4 of the deadline", () => {
    // By hand: all three must back (1/2)^3; activation is at the last of three uniform times,
    // whose mean is 3/4 · 72 h = 54 h.
    const r = stressTest(base({ type: "unanimity" }), "X");
    expect(formatRational(r.probability as never)).toBe("1/8");
    expect(r.expectedHours).toBeCloseTo(54, 10);
    // Within half the deadline: each backs by 36 h with 1/4, so (1/4)^3 = 1/64.
    expect(formatRational(r.probabilityHalfTime as never)).toBe("1/64");
  });

  it("one of three certain backers: P = 1, expected time 1/4 of the deadline (minimum of 3 uniforms)", () => {
    const m = base({ type: "k-of-n", k: 1 });
    m.support = m.support.map((s) => ({ ...s, probability: 1 }));
    const r = stressTest(m, "X");
    expect(rationalToNumber(r.probability as never)).toBe(1);
    expect(r.expectedHours).toBeCloseTo(18, 10);
  });

  it("unanimity including the accused, who votes: never activated", () => {
    const r = stressTest(base({ type: "unanimity" }, "votes"), "X");
    expect(probabilityValue(r.probability)).toBe(0);
    expect(r.expectedHours).toBeNull();
  });

  it("the exact result lies in the Monte Carlo interval for a 2-of-4 rule where the accused counts as no", () => {
    // 2 of 4 with X's vote fixed at no: 2 of A, B, C at 1/2 each → P = 1/2 (3 + 1 of 8 outcomes).
    const m = base({ type: "k-of-n", k: 2 }, "counts-as-no");
    const exact = stressTest(m, "X");
    expect(formatRational(exact.probability as never)).toBe("1/2");
    const mc = stressTest(m, "X", { method: "estimate", seed: 9, samples: 20_000 });
    const p = mc.probability as { low: number; high: number };
    expect(p.low).toBeLessThanOrEqual(0.5);
    expect(p.high).toBeGreaterThanOrEqual(0.5);
    expect(mc.expectedHoursInterval![0]).toBeLessThanOrEqual(exact.expectedHours!);
    expect(mc.expectedHoursInterval![1]).toBeGreaterThanOrEqual(exact.expectedHours!);
  });

  it("a sole guarantor that is accused and recused activates nothing", () => {
    const m = { ...base({ type: "unanimity" }), guarantors: ["X"], support: [] };
    const r = stressTest(m, "X");
    expect(probabilityValue(r.probability)).toBe(0);
    expect(r.expectedHours).toBeNull();
  });

  it("assumes 1/2 for a guarantor without stated support, and says so", () => {
    const m = base({ type: "k-of-n", k: 1 });
    m.support = [];
    const r = stressTest(m, "X");
    expect(r.backing.filter((b) => b.assumed).map((b) => b.guarantor)).toEqual(["A", "B", "C"]);
    expect(formatRational(r.probability as never)).toBe("7/8"); // 1 − (1/2)^3
  });
});
