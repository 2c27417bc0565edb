import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AgreementInput, agreementSchema, checkAgreement } from "../model/agreement.js";
import { mechanismSchema } from "../model/mechanism.js";
import { seededRandom } from "../power/prng.js";
import { evaluateCompliance } from "./evaluate.js";
import { eventSchema } from "./events.js";
import { parseEventsCsv } from "./events-csv.js";
import { syntheticAgreement, syntheticEvents } from "./fixtures/synthetic.js";
import { mechanismSpec } from "./mechanisms.js";
import { checkNotifications } from "./notifications.js";
import { trustAt, trustEvidence } from "./trust.js";
import type { ComplianceReport, MechanismSpec } from "./types.js";

// The eight defects of issue #21, each on the shared setup: commitment `w`, obligor `pa`,
// deadline 2030-01-10, indicator metric `weapons`, monitor `m1`. Every test here fails on 948b4d5.

const base = (
  extra: Partial<AgreementInput["commitments"][number]> = {},
  more: Partial<AgreementInput> = {},
) =>
  agreementSchema.parse({
    id: "t",
    title: "t",
    source: "issue #21",
    commitments: [
      {
        id: "w",
        title: "Withdraw weapons",
        obligors: ["pa"],
        deadline: { at: "2030-01-10T00:00Z" },
        indicator: { metric: "weapons" },
        monitors: ["m1"],
        source: "issue #21",
        ...extra,
      },
    ],
    jointCommission: { id: "jc", name: "Joint commission", members: ["pa", "m1"] },
    ...more,
  });

const ev = (input: Record<string, unknown>) => eventSchema.parse({ by: "m1", ...input });
const at = (iso: string) => Date.parse(iso);
const slot = (r: ComplianceReport) => r.slots[0]!;
const report = (id: string, time: string, extra: Record<string, unknown> = {}) =>
  ev({ id, kind: "report", time, commitment: "w", party: "pa", confidence: 0.9, type: "other", ...extra });
const breach = (id: string, time: string, extra: Record<string, unknown> = {}) =>
  report(id, time, { type: "weapon-sighting", count: 3, ...extra });
const trustOf = (a: ReturnType<typeof base>, r: ComplianceReport, t: number) =>
  trustAt(trustEvidence(a, r.changes), "pa", t);
const plainMechanism: MechanismSpec = { id: "g", guarantors: ["g1", "g2"], consultationHours: 72 };

describe("#21 defect 1: a late verification is scored 0.5 even without passing through overdue", () => {
  it("declared before the deadline, verified after it: (1 + 0.5) / (2 + 1) = 0.5, not 0.667", () => {
    const a = base();
    const events = [
      ev({ id: "d", kind: "declaration", by: "pa", time: "2030-01-05T00:00Z", commitment: "w" }),
      report("v", "2030-01-12T00:00Z", { type: "withdrawal-verified" }),
    ];
    const r = evaluateCompliance(a, events, at("2030-01-12T00:00Z"));
    expect(slot(r)).toMatchObject({ status: "verified", onTime: false });
    expect(trustOf(a, r, at("2030-01-12T00:00Z"))).toBeCloseTo(0.5, 12);
  });
});

describe("#21 defect 2: a ruling that confirms the current state is not a new change", () => {
  it("a violation ruling on a violated slot adds evidence, lowers trust no further and opens no second consultation", () => {
    const a = base({ kind: "ongoing", onBreach: { mechanism: "g", snapBack: [] } });
    const events = [
      breach("r", "2030-01-02T00:00Z"),
      ev({
        id: "j",
        kind: "ruling",
        by: "jc",
        time: "2030-01-06T00:00Z",
        commitment: "w",
        party: "pa",
        finding: "violation",
      }),
    ];
    const t = at("2030-01-06T00:00Z");
    const r = evaluateCompliance(a, events, t, { mechanisms: [plainMechanism] });
    expect(r.changes.map((c) => c.to)).toEqual(["violated"]);
    expect(slot(r)).toMatchObject({ status: "violated", evidence: ["r", "j"] });
    expect(r.consultations).toHaveLength(1);
    // One breach four days old: 1 / (2 + 2^(−4/180)).
    expect(trustOf(a, r, t)).toBeCloseTo(1 / (2 + 2 ** (-4 / 180)), 12);
  });
});

describe("#21 defect 3: findings before a commitment starts leave it pending", () => {
  it("a breach reported before the start neither violates it nor counts against trust", () => {
    const a = base({ start: { at: "2030-01-05T00:00Z" }, onBreach: { mechanism: "g", snapBack: [] } });
    const events = [breach("r", "2030-01-02T00:00Z")];
    const before = evaluateCompliance(a, events, at("2030-01-03T00:00Z"), { mechanisms: [plainMechanism] });
    expect(slot(before).status).toBe("pending");
    expect(before.consultations).toEqual([]);
    const after = evaluateCompliance(a, events, at("2030-01-06T00:00Z"), { mechanisms: [plainMechanism] });
    expect(slot(after)).toMatchObject({ status: "due", allegations: 0 });
    expect(trustOf(a, after, at("2030-01-06T00:00Z"))).toBe(0.5);
  });
});

describe("#21 defect 4: a report naming its commitment must still be about its indicator", () => {
  it("ignores a report about another area or weapon class, as it does when matched by metric", () => {
    const a = base({ indicator: { metric: "weapons", area: "zone-a", weaponClasses: ["mlrs"] } });
    const t = at("2030-01-03T00:00Z");
    for (const extra of [{ area: "zone-b" }, { weaponClass: "mortar" }]) {
      expect(slot(evaluateCompliance(a, [breach("r1", "2030-01-02T00:00Z", extra)], t)).status).toBe("due");
      const byMetric = breach("r2", "2030-01-02T00:00Z", {
        ...extra,
        commitment: undefined,
        metric: "weapons",
      });
      expect(slot(evaluateCompliance(a, [byMetric], t)).status).toBe("due");
    }
    expect(
      slot(evaluateCompliance(a, [breach("r3", "2030-01-02T00:00Z", { area: "zone-a" })], t)).status,
    ).toBe("violated");
  });
});

describe("#21 defect 5: a recused accused is not a player of its own consultation", () => {
  it("3 of [g1, g2, pa] with the accused abstaining: pa's no does not block it; it lapses", () => {
    const m = mechanismSchema.parse({
      id: "g",
      name: "Guarantors",
      guarantors: ["g1", "g2", "pa"],
      rule: { type: "k-of-n", k: 3, of: ["g1", "g2", "pa"] },
      accusedVote: "abstains",
      consultationHours: 72,
    });
    const a = base({ kind: "ongoing", onBreach: { mechanism: "g", snapBack: [] } });
    const events = [
      breach("r", "2030-01-02T00:00Z"),
      ev({ id: "v", kind: "vote", by: "pa", time: "2030-01-02T01:00Z", consultation: "w:pa:1", vote: "no" }),
    ];
    const c = evaluateCompliance(a, events, at("2030-01-06T00:00Z"), { mechanisms: [mechanismSpec(m)] })
      .consultations[0]!;
    expect(c.vetoPlayers).not.toContain("pa");
    expect(c.status).toBe("lapsed");
  });
});

describe("#21 defect 6: a declaration after the deadline does not turn overdue into met", () => {
  it("stays overdue", () => {
    const events = [
      ev({ id: "d", kind: "declaration", by: "pa", time: "2030-01-12T00:00Z", commitment: "w" }),
    ];
    expect(slot(evaluateCompliance(base(), events, at("2030-01-13T00:00Z"))).status).toBe("overdue");
  });
});

describe("#21 defect 7: results never depend on row order", () => {
  it("a ruling and a report at one instant: the ruling comes after the findings, whatever the rows", () => {
    const a = base({ kind: "ongoing" });
    const rows = [
      report("r", "2030-01-02T00:00Z", { type: "compliance-verified" }),
      ev({
        id: "j",
        kind: "ruling",
        by: "jc",
        time: "2030-01-02T00:00Z",
        commitment: "w",
        party: "pa",
        finding: "violation",
      }),
    ];
    const t = at("2030-01-03T00:00Z");
    const forward = evaluateCompliance(a, rows, t);
    expect(slot(forward).status).toBe("violated");
    expect(evaluateCompliance(a, [...rows].reverse(), t)).toEqual(forward);
  });

  it("dates observers-not-invited at the activity's earliest observation, not its first row", () => {
    const rules = agreementSchema.parse({
      ...base(),
      notifications: { notify: { troops: 9000 }, noticeDays: 42, observe: { troops: 13000 }, source: "test" },
    }).notifications!;
    const note = ev({
      id: "n",
      kind: "notification",
      by: "pa",
      party: "pa",
      time: "2029-10-01T00:00Z",
      activity: "x",
      start: "2030-01-01T00:00Z",
      end: "2030-01-09T00:00Z",
      troops: 9500,
    });
    const seen = (id: string, time: string) =>
      ev({
        id,
        kind: "activity",
        party: "pa",
        time,
        activity: "x",
        start: "2030-01-01T00:00Z",
        end: "2030-01-09T00:00Z",
        troops: 14000,
        confidence: 0.9,
      });
    const rows = [note, seen("a-late", "2030-01-05T00:00Z"), seen("a-early", "2030-01-02T00:00Z")];
    const flag = checkNotifications(rules, rows, at("2030-02-01T00:00Z")).find(
      (f) => f.kind === "observers-not-invited",
    );
    expect(flag).toMatchObject({ at: at("2030-01-02T00:00Z"), events: ["n", "a-early"] });
  });

  it("a log with many events at the same instants gives the same report however its rows are shuffled", () => {
    const a = syntheticAgreement(6);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (seed, shuffle) => {
          // Times rounded down to 6 hours, so most events share their instant with others.
          const events = syntheticEvents(a, 120, seededRandom(seed)).map((e) => ({
            ...e,
            time: new Date(Math.floor(Date.parse(e.time) / 21_600_000) * 21_600_000).toISOString(),
          }));
          const rnd = seededRandom(shuffle);
          const rows = [...events];
          for (let i = rows.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [rows[i], rows[j]] = [rows[j]!, rows[i]!];
          }
          const t = Date.UTC(2030, 0, 20);
          expect(evaluateCompliance(a, rows, t)).toEqual(evaluateCompliance(a, events, t));
        },
      ),
      { seed: 2112, numRuns: 30 },
    );
  });
});

describe("#21 defect 8: invalid input is refused with file, line and field", () => {
  const header = "kind,id,time,recorded,by,commitment,supersedes";
  const codes = (csv: string) => {
    const r = parseEventsCsv(`${header}\n${csv}`, "log.csv");
    return r.ok ? [] : r.errors.map((e) => `${e.line} ${e.path.join(".")} ${e.code}`);
  };

  it("refuses an event recorded before it happened", () => {
    expect(codes("declaration,d1,2030-01-05T00:00Z,2030-01-04T00:00Z,pa,w,")).toEqual([
      "2 recorded inconsistent",
    ]);
  });

  it("refuses an event that supersedes itself, and corrections that supersede each other in a circle", () => {
    expect(codes("declaration,d1,2030-01-05T00:00Z,,pa,w,d1")).toEqual(["2 supersedes inconsistent"]);
    expect(
      codes("declaration,d1,2030-01-05T00:00Z,,pa,w,d2\ndeclaration,d2,2030-01-05T00:00Z,,pa,w,d1"),
    ).toEqual(["2 supersedes inconsistent", "3 supersedes inconsistent"]);
  });

  it("refuses a commitment whose deadline precedes its start, absolute or counted from the same moment", () => {
    const absolute = base({ start: { at: "2030-01-12T00:00Z" } });
    expect(checkAgreement(absolute)).toMatchObject([
      { code: "inconsistent", path: ["commitments", 0, "deadline"] },
    ]);
    const relative = base(
      { start: { after: "eif", days: 5 }, deadline: { after: "eif", days: 3 } },
      { milestones: [{ id: "eif", name: "Entry into force" }] },
    );
    expect(checkAgreement(relative).map((p) => p.code)).toEqual(["inconsistent"]);
    expect(checkAgreement(base({ start: { at: "2030-01-01T00:00Z" } }))).toEqual([]);
  });
});
