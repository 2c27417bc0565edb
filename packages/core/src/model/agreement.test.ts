import { describe, expect, it } from "vitest";
import { type AgreementInput, agreementRefs, agreementSchema, checkAgreement } from "./agreement.js";

const base: AgreementInput = {
  id: "a",
  title: "Test agreement",
  source: "hand-written test fixture",
  milestones: [{ id: "eif", name: "Entry into force", at: { at: "2015-02-15T00:00", zone: "Europe/Kyiv" } }],
  commitments: [
    {
      id: "ceasefire",
      title: "Ceasefire",
      obligors: ["ua", "ru"],
      kind: "ongoing",
      start: { after: "eif" },
      indicator: { metric: "ceasefire-violations" },
      monitors: ["osce"],
      onBreach: { mechanism: "coalition", snapBack: ["relief"] },
      source: "test",
    },
    {
      id: "pullback",
      title: "Pullback",
      obligors: ["ru"],
      start: { after: "ceasefire", days: 2 },
      deadline: { after: "pullback", days: 14 },
      indicator: { metric: "heavy-weapons-in-zone", threshold: 0 },
      monitors: ["osce"],
      unlocks: ["relief"],
      source: "test",
    },
  ],
  benefits: [{ id: "relief", name: "Sanctions relief step 1", beneficiary: "ru" }],
  jointCommission: { id: "jcc", name: "Joint commission", members: ["ua", "ru", "osce"] },
};

describe("agreementSchema", () => {
  it("applies the documented defaults (deliverable, '<=' 0, salience 1, confidence 0.5)", () => {
    const a = agreementSchema.parse(base);
    expect(a.commitments[1]!.kind).toBe("deliverable");
    expect(a.commitments[1]!.indicator.op).toBe("<=");
    expect(a.commitments[0]!.salience).toBe(1);
    expect(a.verification.minConfidence).toBe(0.5);
    expect(a.commitments[0]!.start).toEqual({ after: "eif", on: "start", days: 0, hours: 0 });
  });

  it("reports a commitment without obligors and an unknown field with their paths", () => {
    const bad = structuredClone(base) as unknown as { commitments: Array<Record<string, unknown>> };
    bad.commitments[0]!.obligors = [];
    bad.commitments[1]!.colour = "red";
    const r = agreementSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("commitments.0.obligors");
    expect(paths).toContain("commitments.1");
  });
});

describe("agreementRefs", () => {
  it("lists actors, mechanisms and commitments with their paths, skipping milestones", () => {
    const refs = agreementRefs(agreementSchema.parse(base));
    expect(refs).toContainEqual({ path: ["commitments", 0, "obligors", 1], id: "ru", kind: "actor" });
    expect(refs).toContainEqual({ path: ["commitments", 0, "monitors", 0], id: "osce", kind: "actor" });
    expect(refs).toContainEqual({
      path: ["commitments", 0, "onBreach", "mechanism"],
      id: "coalition",
      kind: "mechanism",
    });
    expect(refs).toContainEqual({
      path: ["commitments", 1, "start", "after"],
      id: "ceasefire",
      kind: "commitment",
    });
    expect(refs).toContainEqual({ path: ["benefits", 0, "beneficiary"], id: "ru", kind: "actor" });
    expect(refs).toContainEqual({ path: ["jointCommission", "members", 2], id: "osce", kind: "actor" });
    expect(refs.some((r) => r.id === "eif")).toBe(false);
  });
});

describe("checkAgreement", () => {
  it("finds a self-referencing deadline cycle, an unknown benefit and a duplicate id", () => {
    const bad = structuredClone(base);
    bad.commitments[1]!.start = { after: "pullback", on: "deadline" };
    bad.commitments[0]!.unlocks = ["nothing"];
    bad.commitments.push({ ...bad.commitments[0]!, unlocks: [] });
    const problems = checkAgreement(agreementSchema.parse(bad));
    expect(problems.map((p) => p.code).sort()).toEqual(["cycle", "duplicate_id", "unknown_reference"]);
    expect(problems.find((p) => p.code === "cycle")!.message).toContain(
      "pullback:start → pullback:deadline → pullback:start",
    );
  });

  it("accepts the well-formed fixture", () => {
    expect(checkAgreement(agreementSchema.parse(base))).toEqual([]);
  });
});

describe("checkAgreement on times", () => {
  const withTimes = (start: unknown, deadline: unknown) =>
    agreementSchema.parse({
      ...base,
      commitments: [
        base.commitments[0],
        { ...base.commitments[1], start, deadline },
        { ...base.commitments[1], id: "outset", start: undefined, deadline: undefined },
      ],
    });

  it("refuses a time counted from the start or deadline of a commitment that has none", () => {
    const a = withTimes({ after: "outset", on: "start" }, { after: "outset", on: "deadline", days: 3 });
    expect(checkAgreement(a).map((p) => `${p.code} ${p.path.join(".")}`)).toEqual([
      "inconsistent commitments.1.start.on",
      "inconsistent commitments.1.deadline.on",
    ]);
  });

  it("refuses a deadline before the start on Kyiv wall-clock days, and accepts one after it", () => {
    expect(
      checkAgreement(withTimes({ after: "eif", days: 3 }, { after: "eif", days: 2 })).map((p) => p.code),
    ).toEqual(["inconsistent"]);
    expect(checkAgreement(withTimes({ after: "eif", days: 3 }, { after: "pullback", days: 1 }))).toEqual([]);
  });
});
