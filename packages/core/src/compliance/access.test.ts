import { describe, expect, it } from "vitest";
import { authorizeFiling, type MonitoringCaller, visibleEvents } from "./access.js";
import { ev, testAgreement } from "./fixtures/test-agreement.js";

const nobody: MonitoringCaller = {
  parties: new Set(),
  guarantors: new Set(),
  monitors: new Set(),
  mediator: false,
  observer: false,
};
const ua = { ...nobody, parties: new Set(["ua"]) };
const ru = { ...nobody, parties: new Set(["ru"]), guarantors: new Set(["ru"]) };
const osce = { ...nobody, monitors: new Set(["osce"]) };
const observer = { ...nobody, observer: true };
const mediator = { ...nobody, mediator: true };

const report = ev({
  kind: "report",
  by: "osce",
  type: "ceasefire-violation",
  time: "2015-02-16T08:00Z",
  party: "ru",
  confidence: 0.9,
  published: true,
});
const draft = ev({
  kind: "report",
  by: "osce",
  type: "ceasefire-violation",
  time: "2015-02-16T09:00Z",
  party: "ru",
  confidence: 0.9,
});
const note = (by: string, party: string) =>
  ev({
    kind: "notification",
    by,
    party,
    activity: "x",
    time: "2015-02-16T08:00Z",
    start: "2015-04-01T00:00Z",
  });
const ok = (caller: MonitoringCaller, e: Parameters<typeof authorizeFiling>[2]) =>
  authorizeFiling(testAgreement, caller, e).ok;

describe("authorizeFiling: nobody files in another's name", () => {
  it("lets a monitor file reports for its own body only", () => {
    expect(ok(osce, report)).toBe(true);
    for (const c of [ua, ru, observer, mediator]) expect(ok(c, report)).toBe(false);
  });

  it("lets a party file its own notifications, and nobody else's", () => {
    expect(ok(ua, note("ua", "ua"))).toBe(true);
    expect(ok(ua, note("ru", "ru"))).toBe(false);
    expect(ok(ua, note("ua", "ru"))).toBe(false);
    expect(ok(osce, note("ua", "ua"))).toBe(false);
    expect(ok(mediator, note("ua", "ua"))).toBe(false);
  });

  it("lets a guarantor vote for itself only", () => {
    const vote = (by: string) =>
      ev({ kind: "vote", by, time: "2015-02-16T08:00Z", consultation: "c", vote: "no" });
    expect(ok(ru, vote("ru"))).toBe(true);
    expect(ok(ua, vote("ua"))).toBe(false);
    expect(ok(ru, vote("us"))).toBe(false);
  });

  it("takes rulings only in the joint commission's name, from its members", () => {
    const ruling = ev({
      kind: "ruling",
      by: "jcc",
      time: "2015-02-16T08:00Z",
      commitment: "ceasefire",
      party: "ru",
      finding: "violation",
    });
    expect(ok(osce, ruling)).toBe(true);
    expect(ok(observer, ruling)).toBe(false);
    expect(ok(osce, { ...ruling, by: "osce" })).toBe(false);
  });
});

describe("visibleEvents", () => {
  it("shows observers only published findings, and insiders everything", () => {
    const events = [report, draft, note("ua", "ua")];
    expect(visibleEvents(observer, events).map((e) => e.id)).toEqual([report.id]);
    expect(visibleEvents(ua, events)).toHaveLength(3);
    expect(visibleEvents(nobody, events)).toEqual([]);
  });
});
