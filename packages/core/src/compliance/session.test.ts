import { describe, expect, it } from "vitest";
import { ev, testAgreement, Z } from "./fixtures/test-agreement.js";
import { MonitoringSession } from "./session.js";

describe("MonitoringSession with a controllable clock", () => {
  it("lets the pullback deadline pass with no request in between, and reports it once", () => {
    const s = new MonitoringSession(testAgreement);
    // Nothing scheduled has happened on 1 Feb; the first timer is the ceasefire start, 14 Feb 22:00Z.
    expect(s.tick(Z("2015-02-01T00:00Z"))).toEqual([]);
    expect(s.nextDueAt()).toBe(Z("2015-02-14T22:00Z"));
    const started = s.tick(Z("2015-02-20T00:00Z"));
    expect(
      started.map((e) => (e.type === "status" ? `${e.commitment}:${e.obligor}:${e.to}` : e.type)),
    ).toEqual(["ceasefire:ua:due", "ceasefire:ru:due", "pullback:ru:due"]);
    expect(s.nextDueAt()).toBe(Z("2015-03-02T22:00Z"));
    const passed = s.tick(Z("2015-03-02T22:00Z"));
    expect(passed).toMatchObject([{ type: "status", commitment: "pullback", to: "overdue" }]);
    expect(s.tick(Z("2015-03-03T00:00Z"))).toEqual([]);
  });

  it("reports a passed deadline once, though a report dated before it replays the log", () => {
    const s = new MonitoringSession(testAgreement);
    s.tick(Z("2015-02-20T00:00Z"));
    expect(s.tick(Z("2015-03-03T00:00Z"))).toMatchObject([{ commitment: "pullback", to: "overdue" }]);
    // Filed on 4 March, dated 16 February: the log is replayed from the start.
    const late = s.file(
      ev({
        kind: "report",
        type: "ceasefire-violation",
        time: "2015-02-16T10:00Z",
        party: "ru",
        confidence: 0.9,
      }),
      Z("2015-03-04T00:00Z"),
    );
    const said = late.map((e) => (e.type === "status" ? `${e.commitment}:${e.obligor}:${e.to}` : e.type));
    expect(said).toContain("ceasefire:ru:violated");
    expect(said).not.toContain("pullback:ru:overdue");
    expect(said).not.toContain("pullback:ru:due");
  });

  it("closes a consultation at its deadline on a tick, with the filed votes", () => {
    const s = new MonitoringSession(testAgreement, {
      mechanisms: [{ id: "coalition", guarantors: ["us", "fr"], consultationHours: 72 }],
    });
    const breach = ev({
      kind: "report",
      type: "ceasefire-violation",
      time: "2015-02-16T10:00Z",
      party: "ru",
      confidence: 0.9,
    });
    const opened = s.file(breach, Z("2015-02-16T10:05Z"));
    expect(opened.map((e) => e.type)).toEqual(["status", "status", "status", "consultation"]);
    s.file(
      ev({ kind: "vote", by: "us", time: "2015-02-17T10:00Z", consultation: "ceasefire:ru:1", vote: "yes" }),
      Z("2015-02-17T10:00Z"),
    );
    // 72 h after 16 Feb 10:00Z: 19 Feb 10:00Z; fr never voted, so unanimity of us and fr lapses.
    expect(s.nextDueAt()).toBe(Z("2015-02-19T10:00Z"));
    expect(s.tick(Z("2015-02-19T10:00Z"))).toMatchObject([{ type: "consultation", status: "lapsed" }]);
  });
});
