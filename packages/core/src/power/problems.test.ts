import { describe, expect, it } from "vitest";
import type { Mechanism } from "../model/mechanism.js";
import { locateProblems, mechanismProblems } from "./problems.js";

const m: Mechanism = {
  id: "m",
  name: "M",
  guarantors: ["a", "b"],
  rule: { type: "and", rules: [{ type: "unanimity" }, { type: "veto-set", members: ["c"] }] },
  accusedVote: "votes",
  consultationHours: 72,
  responses: [],
  support: [{ guarantor: "z", against: "a", probability: 1, source: "test", confidence: 1 }],
};

describe("mechanism problems", () => {
  it("finds a rule member and a supporter that are not guarantors, with their paths", () => {
    expect(mechanismProblems(m).map((p) => [p.code, p.path.join(".")])).toEqual([
      ["not_a_guarantor", "rule.rules.1.members.0"],
      ["not_a_guarantor", "support.0.guarantor"],
    ]);
  });

  it("locates a problem at its line and column in the YAML text", () => {
    const text = "mechanisms:\n  - id: m\n    guarantors: [a, b]\n";
    const [e] = locateProblems(text, "s.yaml", [
      { path: ["mechanisms", 0, "guarantors", 1], message: "x", code: "c" },
    ]);
    // Line 3; "    guarantors: [a, " is 20 characters, so b is at column 21.
    expect([e!.line, e!.column, e!.path]).toEqual([3, 21, "mechanisms[0].guarantors[1]"]);
  });
});
