import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/index.js";
import {
  alertsFromChanges,
  eventReferenceProblems,
  monitoringDashboard,
  withHindsight,
} from "./dashboard.js";
import type { MonitoringEvent } from "./events.js";
import { formatLocalInstant } from "./time.js";

describe("formatLocalInstant", () => {
  it("writes an instant on the zone's wall clock with the offset in force then", () => {
    // Kyiv: UTC+2 in winter, UTC+3 from 29 Mar 2015 03:00 local (IANA tzdb).
    expect(formatLocalInstant(Date.UTC(2015, 1, 15, 4, 30), "Europe/Kyiv")).toBe("2015-02-15T06:30+02:00");
    expect(formatLocalInstant(Date.UTC(2015, 2, 29, 1, 30), "Europe/Kyiv")).toBe("2015-03-29T04:30+03:00");
    expect(formatLocalInstant(Date.UTC(2015, 0, 1, 3, 0), "America/St_Johns")).toBe("2014-12-31T23:30-03:30");
    expect(formatLocalInstant(Date.UTC(2015, 0, 1), undefined)).toBe("2015-01-01T00:00:00Z");
  });
});

const yaml = `entente: 1
id: t
title: T
actors:
  - { id: pa, name: Party A, kind: state, roles: [party], capability: { value: 1, source: test, confidence: 1 } }
  - { id: g1, name: Guarantor 1, kind: state, roles: [guarantor], capability: { value: 1, source: test, confidence: 1 } }
  - { id: g2, name: Guarantor 2, kind: state, roles: [guarantor], capability: { value: 1, source: test, confidence: 1 } }
  - { id: m1, name: Monitor, kind: organisation, roles: [monitor], capability: { value: 1, source: test, confidence: 1 } }
issues:
  - { id: i, name: I, kind: ordinal, options: [{ id: a, label: A }, { id: b, label: B }] }
positions:
  - { actor: pa, issue: i, ideal: a, salience: 1, source: test, confidence: 1 }
mechanisms:
  - { id: g, name: Guarantors, guarantors: [g1, g2], rule: { type: unanimity }, accusedVote: votes, consultationHours: 72 }
agreement:
  id: example
  title: Example
  commitments:
    - id: w
      title: Withdraw
      obligors: [pa]
      start: { at: "2030-01-01T00:00Z" }
      deadline: { at: "2030-01-10T00:00Z" }
      indicator: { metric: weapons, op: "<=", threshold: 0 }
      monitors: [m1]
      unlocks: [relief]
      onBreach: { mechanism: g, snapBack: [relief] }
      source: test
  benefits: [{ id: relief, name: Sanctions relief }]
  source: test
`;
const parsed = parseScenario(yaml, "t.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const { agreement, mechanisms, actors } = { ...parsed.scenario, agreement: parsed.scenario.agreement! };
const names = new Map(actors.map((a) => [a.id, a.name]));
const breach: MonitoringEvent = {
  kind: "report",
  id: "r1",
  time: "2030-01-03T00:00Z",
  recorded: "2030-01-08T00:00Z",
  by: "m1",
  type: "weapon-sighting",
  commitment: "w",
  count: 3,
  confidence: 0.9,
  party: "pa",
  published: false,
  evidence: [],
} as MonitoringEvent;

describe("monitoringDashboard", () => {
  const reader = { parties: new Set(["pa"]), guarantors: new Set(["g1"]) };
  it("alerts the party to its deadline in the next days and names what the commitment unlocks", () => {
    const d = monitoringDashboard(agreement, mechanisms, [], Date.UTC(2030, 0, 5), { names, reader });
    expect(d.commitments[0]!.unlocks).toEqual([{ id: "relief", name: "Sanctions relief" }]);
    expect(d.alerts.map((a) => a.kind)).toEqual(["due-soon"]);
    expect(d.alerts[0]!.text).toBe("Withdraw (Party A) falls due on 2030-01-10T00:00Z");
  });

  it("counts a late-recorded breach only from its recording, unless replayed with hindsight", () => {
    const at = Date.UTC(2030, 0, 5);
    const then = monitoringDashboard(agreement, mechanisms, [breach], at, { names, reader });
    expect(then.commitments[0]!.slots[0]!.status).toBe("due");
    const known = monitoringDashboard(agreement, mechanisms, [breach], at, {
      names,
      reader,
      hindsight: true,
    });
    expect(known.commitments[0]!.slots[0]!.status).toBe("violated");
    expect(known.consultations[0]!.voters).toEqual([
      { id: "g1", name: "Guarantor 1" },
      { id: "g2", name: "Guarantor 2" },
    ]);
    expect(known.alerts.map((a) => a.kind).sort()).toEqual(["breach", "vote-waiting"]);
    expect(withHindsight([breach])[0]).not.toHaveProperty("recorded");
  });

  it("turns live changes into alerts for the reader's guarantors only", () => {
    const d = monitoringDashboard(agreement, mechanisms, [breach], Date.UTC(2030, 0, 9), { names });
    const changes = d.commitments[0]!.slots[0]!.history.map((h) => ({
      type: "status" as const,
      commitment: "w",
      obligor: "pa",
      ...h,
    }));
    const open = {
      type: "consultation" as const,
      at: Date.UTC(2030, 0, 3),
      id: "w:pa:1",
      status: "open" as const,
      summary: "",
    };
    expect(
      alertsFromChanges(agreement, mechanisms, [...changes, open], reader, names).map((a) => a.kind),
    ).toEqual(["starts-soon", "breach", "vote-waiting"]);
    const other = { parties: new Set<string>(), guarantors: new Set(["g9"]) };
    expect(
      alertsFromChanges(agreement, mechanisms, [...changes, open], other, names).map((a) => a.kind),
    ).toEqual(["breach"]);
  });

  it("names a commitment the agreement lacks and a party it does not bind, in words", () => {
    const e = { ...breach, commitment: "x" } as MonitoringEvent;
    expect(eventReferenceProblems(agreement, e, names)[0]!.message).toBe(
      "there is no commitment 'x' in Example; its commitments are: Withdraw (w)",
    );
    const g = { ...breach, commitment: "w", party: "g1" } as MonitoringEvent;
    expect(eventReferenceProblems(agreement, g, names)).toEqual([
      { field: "party", message: "Guarantor 1 is not bound by Withdraw; its obligors are Party A" },
    ]);
  });
});
