import { describe, expect, it } from "vitest";
import { decisionRuleActorRefs, decisionRuleSchema } from "./decision-rule.js";

describe("decision rule schema", () => {
  it("reads the UN Security Council rule as a composition of a veto set and 9 of n", () => {
    const r = decisionRuleSchema.safeParse({
      type: "and",
      rules: [
        { type: "veto-set", members: ["us", "uk", "fr", "cn", "ru"] },
        { type: "k-of-n", k: 9 },
      ],
    });
    expect(r.success).toBe(true);
  });

  it("reads the EU Council double majority with a blocking minority", () => {
    const r = decisionRuleSchema.safeParse({
      type: "double-majority",
      memberShare: 0.55,
      weights: { de: 83_445_000, fr: 68_402_000 },
      weightShare: 0.65,
      blockingMinority: 4,
    });
    expect(r.success).toBe(true);
  });

  it("refuses k-of-n with both k and share, and a weighted rule without a quota", () => {
    expect(decisionRuleSchema.safeParse({ type: "k-of-n", k: 2, share: 0.5 }).success).toBe(false);
    expect(decisionRuleSchema.safeParse({ type: "weighted", weights: { a: 1 } }).success).toBe(false);
  });

  it("refuses a share above 1 and an unknown field", () => {
    expect(decisionRuleSchema.safeParse({ type: "k-of-n", share: 1.5 }).success).toBe(false);
    expect(decisionRuleSchema.safeParse({ type: "unanimity", quorum: 3 }).success).toBe(false);
  });

  it("names the field at fault, not just 'invalid input'", () => {
    const bad = decisionRuleSchema.safeParse({ type: "k-of-n", k: -1 });
    expect(bad.error?.issues[0]?.path).toEqual(["k"]);
    const unknown = decisionRuleSchema.safeParse({ type: "majority" });
    expect(unknown.error?.issues[0]?.message).toContain("unanimity, k-of-n, weighted");
  });

  it("lists every actor reference with its path, through compositions", () => {
    const refs = decisionRuleActorRefs({
      type: "or",
      rules: [
        { type: "unanimity", of: ["a", "b"] },
        { type: "weighted", weights: { c: 2 }, quota: 2 },
      ],
    });
    expect(refs).toEqual([
      { path: ["rules", 0, "of", 0], id: "a" },
      { path: ["rules", 0, "of", 1], id: "b" },
      { path: ["rules", 1, "weights", "c"], id: "c" },
    ]);
  });
});
