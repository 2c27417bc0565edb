import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../model/parse.js";
import { evaluateCompliance } from "./evaluate.js";
import { parseEventsCsv } from "./events-csv.js";
import { mechanismSpec } from "./mechanisms.js";
import { checkNotifications } from "./notifications.js";

// The agreement template of the default scenario, replayed from its illustrative event log
// (scenarios/ukraine-settlement-events.csv, invented events dated 2030). Every expectation was worked
// out by hand from the two files: Kyiv is UTC+2 until 31 Mar 2030 01:00Z, UTC+3 after.
const root = new URL("../../../../scenarios/", import.meta.url);
const parsed = parseScenario(
  readFileSync(new URL("ukraine-security-guarantees.yaml", root), "utf8"),
  "ukraine-security-guarantees.yaml",
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const scenario = parsed.scenario;
const agreement = scenario.agreement!;
const mechanisms = scenario.mechanisms.map(mechanismSpec);
const log = parseEventsCsv(
  readFileSync(new URL("ukraine-settlement-events.csv", root), "utf8"),
  "ukraine-settlement-events.csv",
);
if (!log.ok) throw new Error(JSON.stringify(log.errors));
const events = log.events;

const replay = (iso: string, evs = events) =>
  evaluateCompliance(agreement, evs, Date.parse(iso), { mechanisms });
const at = (iso: string, evs = events) => {
  const r = replay(iso, evs);
  return (commitment: string, obligor: string) =>
    r.slots.find((s) => s.commitment === commitment && s.obligor === obligor)!.status;
};
const benefits = (iso: string) => Object.fromEntries(replay(iso).benefits.map((b) => [b.id, b.status]));

describe("the default scenario's agreement template, replayed from the illustrative log", () => {
  it("places every obligation on the parties and names a verifying monitor and a source for each", () => {
    for (const c of agreement.commitments) {
      expect(
        c.obligors.every((o) => o === "ru" || o === "ua"),
        c.id,
      ).toBe(true);
      expect(c.monitors.length, c.id).toBeGreaterThan(0);
      expect(c.source, c.id).not.toMatch(/seed|\.txt/i);
    }
    expect(events).toHaveLength(12);
    expect(replay("2031-01-01T00:00Z").warnings).toEqual([]);
  });

  it("starts the ceasefire when the package enters into force (00:00 Kyiv on 1 Mar 2030 = 28 Feb 22:00Z)", () => {
    expect(at("2030-02-28T21:59Z")("ceasefire-ru", "ru")).toBe("pending");
    expect(at("2030-02-28T22:00Z")("ceasefire-ru", "ru")).toBe("due");
    expect(at("2030-02-28T22:00Z")("ceasefire-ua", "ua")).toBe("due");
  });

  it("starts the agreed withdrawal on day 2 and never starts the withdrawal options that were not agreed", () => {
    expect(at("2030-03-02T21:59Z")("withdrawal-dmz-ru", "ru")).toBe("pending");
    expect(at("2030-03-02T22:00Z")("withdrawal-dmz-ru", "ru")).toBe("due");
    const late = at("2031-01-01T00:00Z");
    expect(late("withdrawal-to-2022-lines", "ru")).toBe("pending");
    expect(late("withdrawal-from-donbas", "ua")).toBe("pending");
    expect(late("exercises-guarantor-consent", "ua")).toBe("pending");
  });

  it("makes an unverified withdrawal overdue 14 Kyiv days after its start (17 Mar 00:00 Kyiv = 16 Mar 22:00Z)", () => {
    const withoutR05 = events.filter((e) => e.id !== "r-05");
    expect(at("2030-03-16T21:59Z", withoutR05)("withdrawal-dmz-ru", "ru")).toBe("due");
    expect(at("2030-03-16T22:00Z", withoutR05)("withdrawal-dmz-ru", "ru")).toBe("overdue");
  });

  it("unlocks relief step 1 when the ceasefire and access are verified for both, and step 2 after both withdrawals", () => {
    // r-01 and r-02 at 12:00 Kyiv on 4 Mar (10:00Z) name no party, so they verify both obligors.
    expect(benefits("2030-03-04T09:59Z")["sanctions-step-1"]).toBe("locked");
    expect(benefits("2030-03-04T10:00Z")["sanctions-step-1"]).toBe("unlocked");
    // r-03 verifies ua on 12 Mar; r-04 against ru is below the 0.6 confidence, an allegation only;
    // r-05 verifies ru at 18:00 Kyiv on 16 Mar (16:00Z), before the deadline.
    expect(benefits("2030-03-16T15:59Z")["sanctions-step-2-dmz"]).toBe("locked");
    expect(benefits("2030-03-16T16:00Z")["sanctions-step-2-dmz"]).toBe("unlocked");
    const r = replay("2030-03-16T16:00Z");
    const slot = r.slots.find((s) => s.commitment === "withdrawal-dmz-ru")!;
    expect(slot.status).toBe("verified");
    expect(slot.allegations).toBe(1);
    expect(benefits("2031-01-01T00:00Z")["sanctions-step-2-lines-2022"]).toBe("locked");
  });

  it("snaps the relief back on a verified breach by its beneficiary only, and consults the guarantors on each breach", () => {
    // r-06 (ua) at 04:00Z revokes nothing of Russia's relief; r-07 (ru) at 05:00Z snaps both steps back.
    expect(at("2030-03-20T04:00Z")("ceasefire-ua", "ua")).toBe("violated");
    expect(benefits("2030-03-20T04:30Z")).toMatchObject({
      "sanctions-step-1": "unlocked",
      "sanctions-step-2-dmz": "unlocked",
    });
    expect(benefits("2030-03-20T05:00Z")).toMatchObject({
      "sanctions-step-1": "snapped-back",
      "sanctions-step-2-dmz": "snapped-back",
    });
    // Istanbul 2022: three days of consultation; no guarantor votes in the log, so both lapse.
    const c = replay("2031-01-01T00:00Z").consultations.map((x) => ({
      id: x.id,
      mechanism: x.mechanism,
      hours: (x.deadline - x.openedAt) / 3_600_000,
      status: x.status,
    }));
    expect(c).toEqual([
      { id: "ceasefire-ua:ua:1", mechanism: "unanimity-excl-accused", hours: 72, status: "lapsed" },
      { id: "ceasefire-ru:ru:1", mechanism: "unanimity-excl-accused", hours: 72, status: "lapsed" },
    ]);
  });

  it("checks exercises against the Vienna Document 2011 thresholds (9,000 to notify, 13,000 to invite observers)", () => {
    // n-01: 9,500 troops notified 61 days ahead without observers; a-01 saw 13,500 of them;
    // a-02: 10,000 troops of the other party with no notification.
    const f = checkNotifications(agreement.notifications!, events, Date.parse("2031-01-01T00:00Z"));
    expect(f.map((x) => `${x.kind} ${x.party}`)).toEqual([
      "exceeds-declared ua",
      "observers-not-invited ua",
      "undeclared ru",
    ]);
  });
});
