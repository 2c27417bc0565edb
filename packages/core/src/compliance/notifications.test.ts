import { describe, expect, it } from "vitest";
import type { NotificationRules } from "../model/agreement.js";
import { ev, Z } from "./fixtures/test-agreement.js";
import { checkNotifications } from "./notifications.js";

// Vienna Document 2011, ¶38 (42 days ahead), ¶40.1.1 (notification) and ¶47.4 (observation) as
// stated in the Minsk II agreement fixture; the engine reads whatever the scenario states.
const vd11: NotificationRules = {
  notify: { troops: 9000, tanks: 250, acv: 500, artillery: 250 },
  noticeDays: 42,
  observe: { troops: 13000, tanks: 300, acv: 500, artillery: 250 },
  source: "Vienna Document 2011 (FSC.DOC/1/11), ¶38, ¶40.1.1, ¶47.4",
};
const asOf = Z("2026-12-31T00:00Z");
const start = "2026-06-01T00:00Z";

const declared = (forces: Record<string, number>, filed = "2026-04-01T00:00Z", invited = true) =>
  ev({
    kind: "notification",
    by: "ru",
    party: "ru",
    activity: "ex-1",
    time: filed,
    start,
    observersInvited: invited,
    ...forces,
  });
const observed = (forces: Record<string, number>, activity?: string) =>
  ev({
    kind: "activity",
    party: "ru",
    time: "2026-06-02T00:00Z",
    start,
    confidence: 0.9,
    ...(activity ? { activity } : {}),
    ...forces,
  });
const kinds = (events: Parameters<typeof checkNotifications>[1]) =>
  checkNotifications(vd11, events, asOf).map((f) => f.kind);

describe("undeclared activity, at the notification thresholds", () => {
  const cases: Array<[string, number]> = [
    ["troops", 9000],
    ["tanks", 250],
    ["acv", 500],
    ["artillery", 250],
  ];
  for (const [field, threshold] of cases) {
    it(`${field}: ${threshold - 1} passes, ${threshold} and ${threshold + 1} are undeclared activities`, () => {
      expect(kinds([observed({ [field]: threshold - 1 })])).toEqual([]);
      expect(kinds([observed({ [field]: threshold })])).toEqual(["undeclared"]);
      expect(kinds([observed({ [field]: threshold + 1 })])).toEqual(["undeclared"]);
    });
  }
});

describe("late declaration, at 42 days", () => {
  it("is on time at 42 or 43 days ahead and late at 41 days or 42 days less one second", () => {
    // start 1 Jun 2026 00:00Z; 42 days earlier is 20 Apr 2026 00:00Z.
    expect(kinds([declared({ troops: 9000 }, "2026-04-20T00:00Z")])).toEqual([]);
    expect(kinds([declared({ troops: 9000 }, "2026-04-19T00:00Z")])).toEqual([]);
    expect(kinds([declared({ troops: 9000 }, "2026-04-20T00:00:01Z")])).toEqual(["late"]);
    expect(kinds([declared({ troops: 9000 }, "2026-04-21T00:00Z")])).toEqual(["late"]);
  });

  it("does not require notice below every threshold", () => {
    expect(
      kinds([declared({ troops: 8999, tanks: 249, acv: 499, artillery: 249 }, "2026-05-31T00:00Z")]),
    ).toEqual([]);
  });
});

describe("observers, at the observation thresholds", () => {
  const cases: Array<[string, number]> = [
    ["troops", 13000],
    ["tanks", 300],
    ["acv", 500],
    ["artillery", 250],
  ];
  for (const [field, threshold] of cases) {
    it(`${field}: ${threshold - 1} needs no observers, ${threshold} and ${threshold + 1} do`, () => {
      expect(kinds([declared({ [field]: threshold - 1 }, undefined, false)])).toEqual([]);
      expect(kinds([declared({ [field]: threshold }, undefined, false)])).toEqual(["observers-not-invited"]);
      expect(kinds([declared({ [field]: threshold + 1 }, undefined, false)])).toEqual([
        "observers-not-invited",
      ]);
      expect(kinds([declared({ [field]: threshold + 1 }, undefined, true)])).toEqual([]);
    });
  }

  it("flags an activity declared below the observation threshold but observed above it", () => {
    const n = declared({ troops: 12000 }, undefined, false);
    expect(kinds([n, observed({ troops: 12999 }, "ex-1")])).toEqual(["exceeds-declared"]);
    expect(kinds([n, observed({ troops: 13000 }, "ex-1")])).toEqual([
      "exceeds-declared",
      "observers-not-invited",
    ]);
  });
});

describe("more forces than declared", () => {
  it("is flagged per category only when observed exceeds declared", () => {
    const n = declared({ troops: 10000, tanks: 200 });
    expect(kinds([n, observed({ troops: 10000, tanks: 200 }, "ex-1")])).toEqual([]);
    const f = checkNotifications(vd11, [n, observed({ troops: 10001, tanks: 200 }, "ex-1")], asOf);
    expect(f).toMatchObject([{ kind: "exceeds-declared", detail: "troops: observed 10001, declared 10000" }]);
  });

  it("matches an observation without an activity id to a declaration by overlapping dates", () => {
    const n = declared({ troops: 10000 });
    expect(kinds([n, observed({ troops: 11000 })])).toEqual(["exceeds-declared"]);
  });
});
