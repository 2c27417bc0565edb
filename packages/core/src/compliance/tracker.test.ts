import { describe, expect, it } from "vitest";
import { evaluateCompliance } from "./evaluate.js";
import { ev, testAgreement, Z } from "./fixtures/test-agreement.js";
import type { ComplianceReport } from "./types.js";

const status = (r: ComplianceReport, commitment: string, obligor: string) =>
  r.slots.find((s) => s.commitment === commitment && s.obligor === obligor)?.status;

describe("start and deadline in Kyiv time", () => {
  it("starts the ceasefire exactly at 00:00 Kyiv on 15 Feb 2015 (22:00Z on the 14th)", () => {
    expect(
      status(evaluateCompliance(testAgreement, [], Z("2015-02-14T21:59:59.999Z")), "ceasefire", "ru"),
    ).toBe("pending");
    expect(status(evaluateCompliance(testAgreement, [], Z("2015-02-14T22:00Z")), "ceasefire", "ru")).toBe(
      "due",
    );
  });

  it("starts the pullback two Kyiv days later and makes it overdue at 3 Mar 00:00 Kyiv", () => {
    const at = (iso: string) => status(evaluateCompliance(testAgreement, [], Z(iso)), "pullback", "ru");
    expect(at("2015-02-16T21:59Z")).toBe("pending");
    expect(at("2015-02-16T22:00Z")).toBe("due");
    expect(at("2015-03-02T21:59:59Z")).toBe("due");
    expect(at("2015-03-02T22:00Z")).toBe("overdue");
  });

  it("counts a verification filed exactly at the deadline as on time", () => {
    const e = ev({
      kind: "report",
      type: "withdrawal-verified",
      time: "2015-03-02T22:00Z",
      metric: "heavy-weapons-in-zone",
      party: "ru",
      confidence: 0.9,
    });
    const r = evaluateCompliance(testAgreement, [e], Z("2015-03-05T00:00Z"));
    expect(r.slots.find((s) => s.commitment === "pullback")).toMatchObject({
      status: "verified",
      onTime: true,
    });
  });
});

describe("reports", () => {
  const violation = (time: string, extra: Record<string, unknown> = {}) =>
    ev({ kind: "report", type: "ceasefire-violation", time, party: "ru", confidence: 0.9, ...extra });

  it("marks a verified violation with the report that shows it, for the alleged party only", () => {
    const e = violation("2015-02-16T08:00Z");
    const r = evaluateCompliance(testAgreement, [e], Z("2015-02-17T00:00Z"));
    expect(r.slots.find((s) => s.commitment === "ceasefire" && s.obligor === "ru")).toMatchObject({
      status: "violated",
      evidence: [e.id],
    });
    expect(status(r, "ceasefire", "ua")).toBe("due");
  });

  it("treats a low-confidence report or one from a non-designated filer as an allegation only", () => {
    const r = evaluateCompliance(
      testAgreement,
      [violation("2015-02-16T08:00Z", { confidence: 0.4 }), violation("2015-02-16T09:00Z", { by: "ua" })],
      Z("2015-02-17T00:00Z"),
    );
    expect(r.slots.find((s) => s.commitment === "ceasefire" && s.obligor === "ru")).toMatchObject({
      status: "due",
      allegations: 2,
    });
  });

  it("replays what was known: a report recorded later does not count before its recording", () => {
    const e = violation("2015-02-16T08:00Z", { recorded: "2015-02-18T08:00Z" });
    expect(status(evaluateCompliance(testAgreement, [e], Z("2015-02-17T00:00Z")), "ceasefire", "ru")).toBe(
      "due",
    );
    expect(status(evaluateCompliance(testAgreement, [e], Z("2015-02-19T00:00Z")), "ceasefire", "ru")).toBe(
      "violated",
    );
  });

  it("lets a correction supersede a report without editing it", () => {
    const wrong = violation("2015-02-16T08:00Z");
    const fix = ev({
      kind: "report",
      type: "other",
      time: "2015-02-16T09:00Z",
      supersedes: wrong.id,
      confidence: 0.9,
    });
    expect(
      status(evaluateCompliance(testAgreement, [wrong, fix], Z("2015-02-17T00:00Z")), "ceasefire", "ru"),
    ).toBe("due");
  });

  it("makes verified findings that contradict each other within 24 h a dispute, and a ruling settles it", () => {
    const ok = ev({
      kind: "report",
      type: "compliance-verified",
      time: "2015-02-16T08:00Z",
      metric: "ceasefire-violations",
      party: "ru",
      confidence: 0.9,
    });
    const bad = violation("2015-02-16T20:00Z");
    const ruling = ev({
      kind: "ruling",
      by: "jcc",
      time: "2015-02-20T10:00Z",
      commitment: "ceasefire",
      party: "ru",
      finding: "violation",
      refs: [bad.id],
    });
    const r1 = evaluateCompliance(testAgreement, [ok, bad], Z("2015-02-17T00:00Z"));
    expect(r1.slots.find((s) => s.commitment === "ceasefire" && s.obligor === "ru")).toMatchObject({
      status: "disputed",
      evidence: [ok.id, bad.id],
    });
    expect(
      status(evaluateCompliance(testAgreement, [ok, bad, ruling], Z("2015-02-21T00:00Z")), "ceasefire", "ru"),
    ).toBe("violated");
  });

  it("keeps a case referred to the joint commission disputed until it rules", () => {
    const ref = ev({
      kind: "referral",
      by: "ua",
      time: "2015-02-16T08:00Z",
      commitment: "ceasefire",
      party: "ru",
    });
    const later = violation("2015-02-18T08:00Z");
    const rul = ev({
      kind: "ruling",
      by: "jcc",
      time: "2015-02-19T08:00Z",
      commitment: "ceasefire",
      party: "ru",
      finding: "compliance",
    });
    expect(
      status(evaluateCompliance(testAgreement, [ref, later], Z("2015-02-18T12:00Z")), "ceasefire", "ru"),
    ).toBe("disputed");
    expect(
      status(evaluateCompliance(testAgreement, [ref, later, rul], Z("2015-02-19T12:00Z")), "ceasefire", "ru"),
    ).toBe("verified");
  });

  it("makes a commitment unverifiable when the monitor is denied access", () => {
    const e = ev({
      kind: "report",
      type: "access-denied",
      time: "2015-02-18T08:00Z",
      metric: "heavy-weapons-in-zone",
      area: "zone-50km",
      party: "ru",
      confidence: 1,
    });
    expect(status(evaluateCompliance(testAgreement, [e], Z("2015-02-19T00:00Z")), "pullback", "ru")).toBe(
      "unverifiable",
    );
  });

  it("judges a count against the threshold: weapons still in the zone make a 'withdrawal verified' report a breach", () => {
    const e = ev({
      kind: "report",
      type: "withdrawal-verified",
      time: "2015-02-20T08:00Z",
      metric: "heavy-weapons-in-zone",
      party: "ru",
      count: 4,
      confidence: 0.9,
    });
    expect(status(evaluateCompliance(testAgreement, [e], Z("2015-02-21T00:00Z")), "pullback", "ru")).toBe(
      "violated",
    );
  });
});

describe("linkage", () => {
  const verified = ev({
    kind: "report",
    type: "withdrawal-verified",
    time: "2015-02-25T08:00Z",
    metric: "heavy-weapons-in-zone",
    party: "ru",
    confidence: 0.9,
  });
  const claim = ev({ kind: "declaration", by: "ru", time: "2015-02-20T08:00Z", commitment: "pullback" });
  const sighting = ev({
    kind: "report",
    type: "weapon-sighting",
    time: "2015-03-10T08:00Z",
    metric: "heavy-weapons-in-zone",
    area: "zone-50km",
    weaponClass: "artillery-100mm+",
    party: "ru",
    count: 3,
    confidence: 0.8,
  });
  const relief = (r: ComplianceReport) => r.benefits.find((b) => b.id === "relief")!;

  it("keeps relief locked on a party's own claim and unlocks it only on verification", () => {
    expect(relief(evaluateCompliance(testAgreement, [claim], Z("2015-02-24T00:00Z"))).status).toBe("locked");
    const r = evaluateCompliance(testAgreement, [claim, verified], Z("2015-02-26T00:00Z"));
    expect(status(r, "pullback", "ru")).toBe("verified");
    expect(relief(r)).toMatchObject({ status: "unlocked", since: Z("2015-02-25T08:00Z") });
  });

  it("snaps relief back on a later verified breach", () => {
    const r = evaluateCompliance(testAgreement, [claim, verified, sighting], Z("2015-03-11T00:00Z"));
    expect(relief(r).history.map((h) => h.status)).toEqual(["unlocked", "snapped-back"]);
    expect(relief(r)).toMatchObject({
      status: "snapped-back",
      cause: "pullback",
      since: Z("2015-03-10T08:00Z"),
    });
  });
});
