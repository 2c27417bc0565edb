import { describe, expect, it } from "vitest";
import { mechanismActorRefs, mechanismSchema } from "./mechanism.js";

const istanbul = {
  id: "istanbul",
  name: "Unanimity including Russia",
  guarantors: ["us", "ru"],
  rule: { type: "unanimity" },
  accusedVote: "votes",
  consultationHours: 72,
  support: [{ guarantor: "us", against: "ru", probability: 0.5, source: "seed 004", confidence: 0.3 }],
};

describe("mechanism schema", () => {
  it("accepts a mechanism and defaults responses to none", () => {
    const r = mechanismSchema.safeParse(istanbul);
    expect(r.success && r.data.responses).toEqual([]);
  });

  it("refuses an unknown recusal mode with the allowed ones in the message", () => {
    const r = mechanismSchema.safeParse({ ...istanbul, accusedVote: "recuses" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("'abstains', 'votes' or 'counts-as-no'");
  });

  it("refuses a consultation deadline of zero hours", () => {
    expect(mechanismSchema.safeParse({ ...istanbul, consultationHours: 0 }).success).toBe(false);
  });

  it("lists guarantors, rule members and support actors with paths relative to the mechanism", () => {
    const m = mechanismSchema.parse({ ...istanbul, rule: { type: "veto-set", members: ["ru"] } });
    expect(mechanismActorRefs(m).map((r) => `${r.path.join(".")}=${r.id}`)).toEqual([
      "guarantors.0=us",
      "guarantors.1=ru",
      "rule.members.0=ru",
      "support.0.guarantor=us",
      "support.0.against=ru",
    ]);
  });
});
