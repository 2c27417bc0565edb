import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Agreement, agreementSchema, checkAgreement } from "../model/agreement.js";
import { mechanismSchema } from "../model/mechanism.js";
import { evaluateCompliance } from "./evaluate.js";
import { eventSchema, type MonitoringEvent } from "./events.js";
import { mechanismSpec } from "./mechanisms.js";
import { checkNotifications } from "./notifications.js";
import { trustAt, trustEvidence } from "./trust.js";
import type { ComplianceReport } from "./types.js";

// Every worked example of docs/compliance.md ("Rules, with worked examples") and of
// docs/trust-index.md, run on the agreement block the doc prints (read from the doc itself), with
// the states and trust values the doc states, rounded as it rounds them.
const doc = readFileSync(new URL("../../../../docs/compliance.md", import.meta.url), "utf8");
const yamlBlock = /## Rules, with worked examples[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
const example = parse(yamlBlock) as { agreement: unknown; mechanisms: unknown[] };
const agreement = agreementSchema.parse(example.agreement);
const mechanisms = example.mechanisms.map((m) => mechanismSpec(mechanismSchema.parse(m)));

const day = (d: number, hm = "00:00") => `2030-01-${String(d).padStart(2, "0")}T${hm}Z`;
const at = (d: number, hm?: string) => Date.parse(day(d, hm));
let n = 0;
const ev = (input: Record<string, unknown>): MonitoringEvent =>
  eventSchema.parse({ id: `e${++n}`, by: "m1", party: "pa", ...input });
const report = (d: number, type: string, { hm, ...extra }: Record<string, unknown> = {}) =>
  ev({
    kind: "report",
    time: day(d, hm as string | undefined),
    type,
    confidence: 0.9,
    commitment: "w",
    ...extra,
  });
const breach = (d: number, extra: Record<string, unknown> = {}) =>
  report(d, "weapon-sighting", { count: 2, ...extra });
const verify = (d: number, extra: Record<string, unknown> = {}) =>
  report(d, "withdrawal-verified", { count: 0, ...extra });
const declare = (d: number) =>
  eventSchema.parse({ id: `e${++n}`, kind: "declaration", by: "pa", time: day(d), commitment: "w" });

const run = (events: MonitoringEvent[], asOf: number, a: Agreement = agreement) =>
  evaluateCompliance(a, events, asOf, { mechanisms });
const state = (r: ComplianceReport, commitment = "w", obligor = "pa") =>
  r.slots.find((s) => s.commitment === commitment && s.obligor === obligor)!;
const trust = (r: ComplianceReport, t: number, a: Agreement = agreement) =>
  Number(trustAt(trustEvidence(a, r.changes), "pa", t).toFixed(3));

describe("docs/compliance.md worked examples", () => {
  it("prints a valid agreement", () => {
    expect(checkAgreement(agreement)).toEqual([]);
  });

  it("1: pending, due, overdue; trust 0.333 at the deadline", () => {
    expect(state(run([], at(1) - 1)).status).toBe("pending");
    expect(state(run([], at(1))).status).toBe("due");
    expect(state(run([], at(10) - 1)).status).toBe("due");
    const r = run([], at(10));
    expect(state(r).status).toBe("overdue");
    expect(trust(r, at(10))).toBe(0.333);
  });

  it("2: a report naming w about zone B does not count, nor when matched by metric", () => {
    expect(state(run([breach(3, { area: "zone-b", count: 3 })], at(4))).status).toBe("due");
    const byMetric = breach(3, { area: "zone-b", count: 3, commitment: undefined, metric: "weapons" });
    expect(state(run([byMetric], at(4))).status).toBe("due");
  });

  it("3: a count decides over the type", () => {
    expect(state(run([verify(5, { count: 4 })], at(6)))).toMatchObject({ status: "violated", since: at(5) });
    expect(state(run([breach(5, { count: 0 })], at(6))).status).toBe("due");
  });

  it("4: a low-confidence report and one by a non-monitor are allegations", () => {
    const low = ev({
      kind: "report",
      type: "ceasefire-violation",
      time: day(3),
      party: "pb",
      confidence: 0.4,
    });
    expect(state(run([low], at(4)), "cf", "pb")).toMatchObject({ status: "due", allegations: 1 });
    const byParty = ev({
      kind: "report",
      by: "pa",
      type: "ceasefire-violation",
      time: day(3),
      party: "pb",
      confidence: 0.9,
    });
    expect(state(run([byParty], at(4)), "cf", "pb")).toMatchObject({ status: "due", allegations: 1 });
  });

  it("5: a breach before a later start leaves w pending, then due, trust 0.5", () => {
    const late = agreementSchema.parse({
      ...(example.agreement as object),
      commitments: (example.agreement as { commitments: Array<Record<string, unknown>> }).commitments.map(
        (c) => (c.id === "w" ? { ...c, start: { at: day(5) } } : c),
      ),
    });
    const events = [breach(3)];
    expect(state(run(events, at(4), late)).status).toBe("pending");
    const r = run(events, at(5), late);
    expect(state(r).status).toBe("due");
    expect(r.consultations).toEqual([]);
    expect(trust(r, at(5), late)).toBe(0.5);
  });

  it("6: verified on time 0.667 (relief unlocks); late after a claim 0.5; late after overdue 0.376", () => {
    const onTime = run([verify(5, { hm: "12:00" })], at(5, "12:00"));
    expect(state(onTime)).toMatchObject({ status: "verified", onTime: true });
    expect(onTime.benefits[0]).toMatchObject({ status: "unlocked", since: at(5, "12:00") });
    expect(trust(onTime, at(5, "12:00"))).toBe(0.667);
    const claimed = run([declare(8), verify(12)], at(12));
    const ofW = (r: ComplianceReport) => r.changes.filter((c) => c.commitment === "w").map((c) => c.to);
    expect(ofW(claimed)).toEqual(["due", "met", "verified"]);
    expect(trust(claimed, at(12))).toBe(0.5);
    const overdue = run([verify(12)], at(12));
    expect(ofW(overdue)).toEqual(["due", "overdue", "verified"]);
    expect(trust(overdue, at(12))).toBe(0.376);
  });

  it("7: a declaration after the deadline leaves w overdue", () => {
    expect(state(run([declare(11)], at(12))).status).toBe("overdue");
  });

  it("8: violated, referred (disputed), more evidence, ruled compliant: verified, trust 0.501", () => {
    const cf = (d: number, hm: string, type: string) =>
      ev({ kind: "report", time: day(d, hm), type, confidence: 0.9, commitment: "cf" });
    const events = [
      cf(3, "08:00", "ceasefire-violation"),
      ev({ kind: "referral", by: "pa", time: day(4), commitment: "cf" }),
      cf(5, "00:00", "ceasefire-violation"),
      ev({ kind: "ruling", by: "jc", time: day(6), commitment: "cf", finding: "compliance" }),
    ];
    expect(state(run(events, at(3, "09:00")), "cf").status).toBe("violated");
    expect(state(run(events, at(5, "12:00")), "cf").status).toBe("disputed");
    const r = run(events, at(6));
    expect(state(r, "cf").status).toBe("verified");
    expect(trust(r, at(6))).toBe(0.501);
  });

  it("9: access denied makes w unverifiable (0.4) but leaves a violation standing", () => {
    const denied = (d: number) => report(d, "access-denied");
    const r = run([denied(3)], at(3));
    expect(state(r).status).toBe("unverifiable");
    expect(trust(r, at(3))).toBe(0.4);
    expect(state(run([breach(3), denied(4)], at(5))).status).toBe("violated");
    expect(state(run([denied(11)], at(12))).status).toBe("overdue");
  });

  it("10: a compliance report without a party verifies every obligor; a breach without one, nobody", () => {
    const ok = ev({
      kind: "report",
      time: day(3),
      type: "compliance-verified",
      confidence: 0.9,
      commitment: "cf",
      party: undefined,
    });
    const r = run([ok], at(4));
    expect([state(r, "cf", "pa").status, state(r, "cf", "pb").status]).toEqual(["verified", "verified"]);
    const bad = ev({
      kind: "report",
      time: day(3),
      type: "ceasefire-violation",
      confidence: 0.9,
      party: undefined,
    });
    const r2 = run([bad], at(4));
    expect([state(r2, "cf", "pa"), state(r2, "cf", "pb")].map((s) => [s.status, s.allegations])).toEqual([
      ["due", 0],
      ["due", 0],
    ]);
  });

  it("11: consultation w:pa:1 activated by g2's latest vote; w:pa:2 after a new change to violated", () => {
    const vote = (by: string, time: string, v: string, id = "w:pa:1") =>
      eventSchema.parse({ id: `e${++n}`, kind: "vote", by, time, consultation: id, vote: v });
    const events = [
      breach(3),
      breach(4),
      vote("g1", day(4), "yes"),
      vote("g2", day(4), "no"),
      vote("g2", day(5, "12:00"), "yes"),
    ];
    const r = run(events, at(6));
    expect(r.consultations).toHaveLength(1);
    expect(r.consultations[0]).toMatchObject({
      id: "w:pa:1",
      deadline: at(6),
      status: "activated",
      closedAt: at(5, "12:00"),
    });
    const again = run([...events, verify(7), breach(9)], at(9));
    expect(again.consultations.map((c) => [c.id, c.status])).toEqual([
      ["w:pa:1", "activated"],
      ["w:pa:2", "open"],
    ]);
  });

  it("12: relief unlocks, snaps back for good; a breach while locked does not stop a later unlock", () => {
    const r = run([verify(5), breach(7), verify(9)], at(10));
    expect(r.benefits[0]!.history.map((h) => [h.status, h.at])).toEqual([
      ["unlocked", at(5)],
      ["snapped-back", at(7)],
    ]);
    const locked = run([breach(3), verify(5)], at(6));
    expect(locked.benefits[0]!.history.map((h) => [h.status, h.at])).toEqual([["unlocked", at(5)]]);
  });

  it("13: three Kyiv days then two hours across the spring change: 31 Mar 2030 23:00Z", () => {
    const a = agreementSchema.parse({
      id: "dst",
      title: "dst",
      source: "docs/compliance.md rule 13",
      milestones: [{ id: "m", name: "m", at: { at: "2030-03-29T00:00", zone: "Europe/Kyiv" } }],
      commitments: [
        {
          id: "x",
          title: "x",
          obligors: ["pa"],
          start: { after: "m" },
          deadline: { after: "m", days: 3, hours: 2, zone: "Europe/Kyiv" },
          indicator: { metric: "x" },
          monitors: ["m1"],
          source: "example",
        },
      ],
    });
    const s = evaluateCompliance(a, [], Date.parse("2030-04-02T00:00Z")).slots[0]!;
    expect(s).toMatchObject({
      start: Date.parse("2030-03-28T22:00Z"),
      deadline: Date.parse("2030-03-31T23:00Z"),
      status: "overdue",
    });
  });

  it("13: a start on cf's verification waits until both obligors are verified at once", () => {
    const raw = example.agreement as { commitments: unknown[] };
    const v = {
      id: "v",
      title: "v",
      obligors: ["pa"],
      start: { after: "cf", on: "verified" },
      indicator: { metric: "v" },
      monitors: ["m1"],
      source: "example",
    };
    const a = agreementSchema.parse({ ...raw, commitments: [...raw.commitments, v] });
    const cfOk = (d: number, hm: string, party: string) =>
      ev({
        kind: "report",
        time: day(d, hm),
        type: "compliance-verified",
        confidence: 0.9,
        commitment: "cf",
        party,
      });
    const events = [cfOk(3, "00:00", "pa"), cfOk(4, "12:00", "pb")];
    expect(state(run(events, at(4, "11:00"), a), "v").status).toBe("pending");
    expect(state(run(events, at(4, "12:00"), a), "v")).toMatchObject({
      status: "due",
      since: at(4, "12:00"),
    });
    const broken = [
      ...events,
      ev({
        kind: "report",
        time: day(4, "06:00"),
        type: "ceasefire-violation",
        confidence: 0.9,
        commitment: "cf",
      }),
    ];
    expect(state(run(broken, at(6), a), "cf").status).toBe("violated");
    expect(state(run(broken, at(6), a), "v").status).toBe("pending");
  });

  it("14: a correction counts from its recording; of two, the one recorded last", () => {
    const r1 = breach(3);
    const c1 = report(3, "other", { supersedes: r1.id, recorded: day(4) });
    expect(state(run([r1, c1], at(3, "12:00"))).status).toBe("violated");
    expect(state(run([r1, c1], at(4))).status).toBe("due");
    const c2 = breach(3, { supersedes: r1.id, recorded: day(5) });
    expect(state(run([r1, c1, c2], at(5)))).toMatchObject({ status: "violated", since: at(3) });
    expect(state(run([r1, c2, c1], at(5)))).toMatchObject({ status: "violated", since: at(3) });
  });

  it("15: a breach recorded late: due as of 5 Jan; violated since 3 Jan and trust 0.335 as of 8 Jan", () => {
    const late = breach(3, { recorded: day(8) });
    expect(state(run([late], at(5))).status).toBe("due");
    const r = run([late], at(8));
    expect(state(r)).toMatchObject({ status: "violated", since: at(3) });
    expect(trust(r, at(8))).toBe(0.335);
  });

  it("16: a compliance report and a violation ruling at one instant end violated in either row order", () => {
    const ok = ev({
      kind: "report",
      time: day(3, "08:00"),
      type: "compliance-verified",
      confidence: 0.9,
      commitment: "cf",
    });
    const ruling = ev({
      kind: "ruling",
      by: "jc",
      time: day(3, "08:00"),
      commitment: "cf",
      finding: "violation",
    });
    expect(state(run([ok, ruling], at(4)), "cf").status).toBe("violated");
    expect(state(run([ruling, ok], at(4)), "cf").status).toBe("violated");
  });

  it("notification checks: late, exceeds-declared (twice), observers-not-invited at the earliest observation, undeclared", () => {
    const rules = { notify: { troops: 9000 }, noticeDays: 42, observe: { troops: 13000 }, source: "example" };
    const window = { start: day(1), end: day(9) };
    const n1 = ev({
      kind: "notification",
      by: "pa",
      time: "2029-12-01T00:00Z",
      activity: "x",
      ...window,
      troops: 9500,
    });
    const a1 = ev({
      kind: "activity",
      time: day(5),
      activity: "x",
      ...window,
      troops: 13200,
      tanks: 10,
      confidence: 0.9,
    });
    const a2 = ev({
      kind: "activity",
      time: day(3),
      activity: "x",
      ...window,
      troops: 13100,
      confidence: 0.9,
    });
    const a3 = ev({
      kind: "activity",
      time: day(4),
      party: "pb",
      start: day(2),
      end: day(4),
      troops: 9000,
      confidence: 0.9,
    });
    const flags = checkNotifications(
      agreementSchema.shape.notifications.parse(rules)!,
      [n1, a1, a2, a3],
      at(20),
    );
    expect(
      flags.map((f) => [f.kind, f.party, new Date(f.at).toISOString().slice(0, 10), f.events.join(" ")]),
    ).toEqual([
      ["late", "pa", "2029-12-01", n1.id],
      ["exceeds-declared", "pa", "2030-01-03", `${n1.id} ${a2.id}`],
      ["observers-not-invited", "pa", "2030-01-03", `${n1.id} ${a2.id}`],
      ["undeclared", "pb", "2030-01-04", a3.id],
      ["exceeds-declared", "pa", "2030-01-05", `${n1.id} ${a1.id}`],
    ]);
    expect(flags[4]!.detail).toBe("troops: observed 13200, declared 9500; tanks: observed 10, declared 0");
  });
});
