import { describe, expect, it } from "vitest";
import { type Agreement, agreementSchema } from "../model/agreement.js";
import { type Mechanism, mechanismSchema } from "../model/mechanism.js";
import { type Random, seededRandom } from "../power/prng.js";
import { eventSchema, type MonitoringEvent, reportTypes } from "./events.js";
import {
  directReplay,
  type RefMechanism,
  referenceNotificationFlags,
  referenceTrust,
} from "./fixtures/direct-replay.js";
import { monitorAgreement } from "./monitor.js";
import { trustAt, trustEvidence } from "./trust.js";

// The engine against a direct replay written from the docs (fixtures/direct-replay.ts), on seeded
// random agreements and event logs whose times fall on a 6-hour grid (so many events share an
// instant, and many fall exactly on a start or a deadline). At four moments each, it compares
// everything `entente monitor` prints: each slot's state, since, deadline, evidence and
// allegations; every state change; consultations with their votes, veto players and outcome;
// benefits with their history; each party's trust at three times; and the notification flags.
// The engine reads the rows shuffled.

const AGREEMENTS = 220;
const DAY = 86_400_000;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const iso = (ms: number) => new Date(ms).toISOString();
const jan = (d: number) => Date.UTC(2030, 0, d);

function generateAgreement(r: Random): { agreement: Agreement; mechanism: Mechanism; ref: RefMechanism } {
  const n = int(r, 1, 4);
  const commitments = Array.from({ length: n }, (_, i) => {
    const id = `c${i}`;
    const kind = r() < 0.6 ? "deliverable" : "ongoing";
    const startKind = pick(r, ["none", "at", "eif", "fix", "verified"] as const);
    const startDay = int(r, 1, 5);
    const start =
      startKind === "at"
        ? { at: iso(jan(startDay)) }
        : startKind === "eif"
          ? { after: "eif", days: int(r, 0, 3) }
          : startKind === "fix"
            ? { after: "fix", days: int(r, 0, 2), hours: pick(r, [0, 6]) }
            : startKind === "verified" && i > 0
              ? { after: `c${i - 1}`, on: "verified", days: int(r, 0, 1) }
              : undefined;
    const hasDeadline = kind === "deliverable" ? r() < 0.9 : r() < 0.2;
    const deadline = !hasDeadline
      ? undefined
      : start === undefined
        ? { at: iso(jan(int(r, 2, 14))) }
        : "at" in start
          ? { at: iso(jan(startDay + int(r, 1, 10))) }
          : { after: id, on: "start", days: int(r, 1, 8) };
    return {
      id,
      title: id,
      obligors: pick(r, [["pa"], ["pb"], ["pa", "pb"], ["pa", "pb"]]),
      kind,
      ...(start ? { start } : {}),
      ...(deadline ? { deadline } : {}),
      indicator: {
        metric: pick(r, ["m1", "m2", "ceasefire-violations"]),
        ...(r() < 0.4 ? { area: "za" } : {}),
        ...(r() < 0.3 ? { weaponClasses: pick(r, [["k1"], ["k1", "k2"]]) } : {}),
        op: pick(r, ["<=", "<=", ">=", "=="]),
        threshold: int(r, 0, 2),
      },
      monitors: r() < 0.8 ? ["mon"] : ["mon", "mon2"],
      salience: pick(r, [1, 0.5, 0.8]),
      unlocks: r() < 0.5 ? ["b0"] : [],
      onBreach: { ...(r() < 0.6 ? { mechanism: "g" } : {}), snapBack: r() < 0.5 ? ["b0"] : [] },
      source: "generated",
    };
  });
  const agreement = agreementSchema.parse({
    id: "generated",
    title: "generated",
    source: "reference.test.ts",
    milestones: [
      { id: "eif", name: "Entry into force (set by an event)" },
      { id: "fix", name: "Fixed", at: { at: iso(jan(2)) } },
    ],
    commitments,
    benefits: [{ id: "b0", name: "Relief" }],
    jointCommission: { id: "jc", name: "JC", members: ["pa", "pb", "mon"] },
    verification: { minConfidence: 0.5, disputeWindowHours: pick(r, [0, 12, 24]) },
    notifications: {
      notify: { troops: pick(r, [900, 1000]), ...(r() < 0.5 ? { tanks: 25 } : {}) },
      noticeDays: pick(r, [2, 5]),
      ...(r() < 0.8
        ? { observe: { troops: pick(r, [1300, 1500]), ...(r() < 0.5 ? { artillery: 25 } : {}) } }
        : {}),
      source: "generated",
    },
  });
  const ref: RefMechanism = {
    id: "g",
    guarantors: pick(r, [
      ["g1", "g2", "g3"],
      ["g1", "g2", "pa"],
      ["g1", "pa", "pb"],
    ]),
    k: int(r, 1, 3),
    accusedVote: pick(r, ["abstains", "votes", "counts-as-no"] as const),
    consultationHours: pick(r, [24, 48, 72]),
  };
  const mechanism = mechanismSchema.parse({
    id: "g",
    name: "Guarantors",
    guarantors: ref.guarantors,
    rule: { type: "k-of-n", k: ref.k },
    accusedVote: ref.accusedVote,
    consultationHours: ref.consultationHours,
  });
  return { agreement, mechanism, ref };
}

function generateEvents(r: Random, a: Agreement): MonitoringEvent[] {
  const out: MonitoringEvent[] = [];
  const ids = a.commitments.map((c) => c.id);
  const linked = a.commitments.filter((c) => c.onBreach?.mechanism).map((c) => c.id);
  const count = int(r, 15, 45);
  for (let i = 0; i < count; i++) {
    // A quarter of the events fall at an earlier event's instant, or 12 or 24 hours after it (the
    // dispute windows), so that ties and window edges are common.
    const echo =
      out.length > 0 && r() < 0.25
        ? Date.parse(pick(r, out).time) + pick(r, [0, 0, 12, 24]) * 3_600_000
        : undefined;
    const time = echo ?? Date.UTC(2029, 11, 31) + int(r, 0, 88) * 6 * 3_600_000;
    const base: Record<string, unknown> = { id: `e${i}`, time: iso(time) };
    if (r() < 0.2) base.recorded = iso(time + int(r, 1, 8) * 6 * 3_600_000);
    const party = pick(r, ["pa", "pb"]);
    const k = r();
    let e: Record<string, unknown>;
    if (k < 0.4 || (k >= 0.95 && out.length === 0)) {
      const named = r() < 0.5;
      e = {
        kind: "report",
        by: pick(r, ["mon", "mon", "mon2", "pa"]),
        type: pick(r, reportTypes),
        ...(named ? { commitment: pick(r, ids) } : {}),
        ...(!named || r() < 0.2 ? { metric: pick(r, ["m1", "m2", "ceasefire-violations"]) } : {}),
        ...(r() < 0.3 ? { area: pick(r, ["za", "zb"]) } : {}),
        ...(r() < 0.3 ? { weaponClass: pick(r, ["k1", "k2"]) } : {}),
        ...(r() < 0.85 ? { party } : {}),
        ...(r() < 0.6 ? { count: int(r, 0, 3) } : {}),
        confidence: pick(r, [0.3, 0.6, 0.9]),
      };
    } else if (k < 0.46) {
      e = {
        kind: "inspection",
        by: pick(r, ["mon", "mon2"]),
        ...(r() < 0.7 ? { commitment: pick(r, ids) } : { metric: pick(r, ["m1", "m2"]) }),
        party,
        finding: pick(r, ["compliant", "non-compliant", "access-denied"]),
        ...(r() < 0.4 ? { count: int(r, 0, 3) } : {}),
        confidence: pick(r, [0.4, 0.9]),
      };
    } else if (k < 0.54) e = { kind: "declaration", by: party, commitment: pick(r, ids) };
    else if (k < 0.58) e = { kind: "referral", by: party, commitment: pick(r, ids), party };
    else if (k < 0.65)
      e = {
        kind: "ruling",
        by: r() < 0.9 ? "jc" : "pa",
        commitment: pick(r, ids),
        party,
        finding: pick(r, ["violation", "compliance", "inconclusive"]),
      };
    else if (k < 0.91) {
      // Most votes follow a finding by up to three days and name the consultation it may have opened.
      const findings = out.filter(
        (x) => x.kind === "report" || x.kind === "inspection" || x.kind === "ruling",
      );
      let consultation = `${pick(r, linked.length ? linked : ids)}:${party}:${pick(r, [1, 1, 1, 2])}`;
      if (findings.length && r() < 0.7) {
        const f = pick(r, findings) as MonitoringEvent & { commitment?: string; party?: string };
        base.time = iso(Date.parse(f.time) + int(r, 0, 12) * 6 * 3_600_000);
        delete base.recorded;
        consultation = `${f.commitment ?? pick(r, linked.length ? linked : ids)}:${f.party ?? party}:${pick(r, [1, 1, 2])}`;
      }
      e = {
        kind: "vote",
        by: pick(r, ["g1", "g2", "g3", "pa", "pb"]),
        consultation,
        vote: pick(r, ["yes", "yes", "no", "abstain"]),
      };
    } else if (k < 0.93) e = { kind: "milestone", by: "mediator", milestone: pick(r, ["eif", "eif", "fix"]) };
    else if (k < 0.975) {
      // A declared or an observed military activity (declared by the party; observed by a monitor).
      // Most observations look at an activity declared earlier: same party, id and period.
      const declared = out.filter((x) => x.kind === "notification");
      const seenOf =
        declared.length && r() < 0.6
          ? (pick(r, declared) as MonitoringEvent & { kind: "notification" })
          : undefined;
      const from = seenOf ? Date.parse(seenOf.start) : Date.UTC(2030, 0, int(r, 1, 20));
      const forces = {
        troops: pick(r, [0, 800, 900, 1000, 1300, 1600]),
        ...(r() < 0.4 ? { tanks: pick(r, [10, 25, 30]) } : {}),
        ...(r() < 0.3 ? { artillery: pick(r, [10, 25]) } : {}),
      };
      const period = { start: iso(from), ...(r() < 0.7 ? { end: iso(from + int(r, 1, 4) * DAY) } : {}) };
      const area = r() < 0.4 ? { area: pick(r, ["za", "zb"]) } : {};
      e =
        r() < 0.45 && !seenOf
          ? {
              kind: "notification",
              by: party,
              party,
              activity: pick(r, ["x1", "x2", "x3"]),
              ...period,
              ...area,
              ...forces,
              observersInvited: r() < 0.3,
            }
          : {
              kind: "activity",
              by: "mon",
              party: seenOf?.party ?? party,
              ...(seenOf && r() < 0.7
                ? { activity: seenOf.activity }
                : r() < 0.3
                  ? { activity: pick(r, ["x1", "x2", "x3"]) }
                  : {}),
              ...period,
              ...area,
              ...forces,
              confidence: 0.8,
            };
    } else {
      // A correction of an earlier event, recorded after it.
      const target = pick(r, out);
      const targetRecorded = Date.parse(target.recorded ?? target.time);
      e = {
        kind: "report",
        by: "mon",
        type: pick(r, reportTypes),
        commitment: pick(r, ids),
        party,
        ...(r() < 0.5 ? { count: int(r, 0, 3) } : {}),
        confidence: 0.9,
        supersedes: target.id,
      };
      base.recorded = iso(Math.max(time, targetRecorded) + int(r, 0, 4) * 6 * 3_600_000);
    }
    out.push(eventSchema.parse({ ...base, ...e }));
  }
  return out;
}

const moments = [jan(3), jan(8) + 6 * 3_600_000, jan(14), jan(25)];

describe("the engine against a direct replay of the docs' rules", () => {
  it(`agrees on ${AGREEMENTS} seeded agreements and logs at ${moments.length} moments each`, () => {
    for (let seed = 1; seed <= AGREEMENTS; seed++) {
      const r = seededRandom(seed);
      const { agreement, mechanism, ref } = generateAgreement(r);
      const events = generateEvents(r, agreement);
      // The engine reads the rows shuffled; the reference orders them by the docs' rules anyway.
      const rows = [...events];
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      for (const asOf of moments) {
        const where = `seed ${seed}, as of ${iso(asOf)}`;
        const view = monitorAgreement(agreement, [mechanism], rows, asOf);
        const want = directReplay(agreement, [ref], events, asOf);
        const got = view.report;
        expect(
          got.slots.map(({ onTime: _o, start: _s, ...s }) => s),
          where,
        ).toEqual(want.slots);
        // Changes at one instant to different slots (two commitments starting together) are
        // independent; compare them per slot, in order.
        const bySlot = <C extends { at: number; commitment: string; obligor: string }>(cs: C[]) =>
          [...cs].sort(
            (x, y) =>
              x.at - y.at || x.commitment.localeCompare(y.commitment) || x.obligor.localeCompare(y.obligor),
          );
        expect(
          bySlot(
            got.changes.map((c) => ({
              at: c.at,
              commitment: c.commitment,
              obligor: c.obligor,
              to: c.to,
              late: c.late ?? false,
            })),
          ),
          where,
        ).toEqual(bySlot(want.changes));
        expect(
          got.consultations.map(
            ({ summary: _s, mechanism: _m, commitment: _c, accused: _a, evidence: _e, ...c }) => c,
          ),
          where,
        ).toEqual(want.consultations);
        expect(
          got.benefits.map((b) => ({
            id: b.id,
            status: b.status,
            history: b.history.map((h) => ({ at: h.at, status: h.status })),
          })),
          where,
        ).toEqual(want.benefits);
        expect(
          view.notifications.map((f) => ({ kind: f.kind, party: f.party, at: f.at, events: f.events })),
          where,
        ).toEqual(referenceNotificationFlags(agreement.notifications!, events, asOf));
        const evidence = trustEvidence(agreement, got.changes);
        for (const party of ["pa", "pb"]) {
          const shown = view.parties.find((p) => p.party === party);
          if (shown)
            expect(shown.trust, `${where}, ${party}`).toBeCloseTo(
              referenceTrust(agreement, want.changes, party, asOf),
              12,
            );
          for (const t of [asOf - 5 * DAY, asOf - DAY])
            expect(trustAt(evidence, party, t), `${where}, ${party} at ${iso(t)}`).toBeCloseTo(
              referenceTrust(agreement, want.changes, party, t),
              12,
            );
        }
      }
    }
  });
});
