import { z } from "zod";
import { addDuration, parseInstant } from "../compliance/time.js";

/**
 * The `agreement` part of a scenario: what each party has committed to, by when, how a monitor
 * verifies it, what it unlocks and what a breach sets in motion. Every rule of compliance is data
 * here; the compliance engine (packages/core/src/compliance) only interprets it.
 */

const id = z
  .string({ error: "expected an id (letters, digits, '-', '_', '.')" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    error: "expected an id of 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit",
  });

const source = z
  .string({ error: "expected a source: a treaty text, its paragraph, or a dated public statement" })
  .min(3, { error: "expected a source: a treaty text, its paragraph, or a dated public statement" });

const count = z.number({ error: "expected a count" }).int().min(0, { error: "expected a count ≥ 0" });

/**
 * A moment, either absolute — a local wall-clock time and its IANA zone ("00:00 Kyiv time" is
 * `{ at: "2015-02-15T00:00", zone: "Europe/Kyiv" }`), or an ISO instant with an offset — or
 * relative to a milestone or to the start, deadline or verification of another commitment.
 */
export const timeRefSchema = z.union([
  z.strictObject({
    at: z.string({ error: "expected a date-time such as 2015-02-15T00:00" }),
    zone: z.string().optional(),
  }),
  z.strictObject({
    after: id,
    /** Which moment of a commitment to count from; ignored for a milestone. @default "start" */
    on: z.enum(["start", "deadline", "verified"]).default("start"),
    days: z.number().int().default(0),
    hours: z.number().default(0),
    /** Count days on this zone's wall clock (midnight stays midnight across DST). */
    zone: z.string().optional(),
  }),
]);
export type TimeRef = z.infer<typeof timeRefSchema>;

/** A named moment: entry into force, a ceasefire. Without `at`, an event of kind "milestone" sets it. */
export const milestoneSchema = z.strictObject({
  id,
  name: z.string().min(1),
  at: timeRefSchema.optional(),
  source: source.optional(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/**
 * What a monitor measures and the level that complies, e.g. heavy weapons of 100 mm and above
 * within the 50 km zone: at most 0.
 */
export const indicatorSchema = z.strictObject({
  /** The quantity reports speak of, e.g. "ceasefire-violations", "heavy-weapons-in-zone". */
  metric: id,
  description: z.string().optional(),
  /** Named area the indicator is measured in; reports about another area do not count. */
  area: z.string().optional(),
  /** Weapon classes that count, e.g. ["artillery-100mm+"]; absent means any. */
  weaponClasses: z.array(z.string()).optional(),
  /** A count complies when `op value` holds: "<=" 0 means "none". @default "<=" */
  op: z.enum(["<=", ">=", "=="]).default("<="),
  threshold: z.number().default(0),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const commitmentSchema = z.strictObject({
  id,
  title: z.string().min(1),
  /** Who must comply; with several obligors each is judged on its own. */
  obligors: z.array(id).min(1, { error: "expected at least one obligor" }),
  phase: z.string().optional(),
  /**
   * "ongoing": holds from its start for as long as the agreement does (a ceasefire);
   * "deliverable": must be done and verified by its deadline (a withdrawal).
   */
  kind: z.enum(["ongoing", "deliverable"]).default("deliverable"),
  start: timeRefSchema.optional(),
  deadline: timeRefSchema.optional(),
  indicator: indicatorSchema,
  /** Monitors whose reports verify this commitment. */
  monitors: z.array(id).min(1, { error: "expected at least one verifying monitor" }),
  /** How much this commitment weighs in the trust index, 0..1. @default 1 */
  salience: z.number().min(0).max(1).default(1),
  /** Benefits (or phases) this commitment's verified compliance helps unlock. */
  unlocks: z.array(id).default([]),
  onBreach: z
    .strictObject({
      /** Guarantee mechanism whose consultation a verified breach opens. */
      mechanism: id.optional(),
      /** Benefits that a verified breach revokes. */
      snapBack: z.array(id).default([]),
    })
    .optional(),
  source: source,
  note: z.string().optional(),
});
export type Commitment = z.infer<typeof commitmentSchema>;

/** A linked benefit: a sanctions-relief step, the next phase. Unlocks when all its commitments are verified. */
export const benefitSchema = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(["sanctions-relief", "phase", "other"]).default("other"),
  beneficiary: id.optional(),
  source: source.optional(),
});
export type Benefit = z.infer<typeof benefitSchema>;

const forces = z.strictObject({
  troops: count.optional(),
  tanks: count.optional(),
  acv: count.optional(),
  artillery: count.optional(),
});
export type ForceThresholds = z.infer<typeof forces>;

/**
 * Agreed thresholds for military-activity notifications (Vienna Document style). Any one figure
 * met or exceeded triggers the duty. The scenario states their source.
 */
export const notificationRulesSchema = z.strictObject({
  /** Prior notification is due when any of these is met or exceeded. */
  notify: forces,
  /** Days ahead of the start that a notification is due. */
  noticeDays: z.number().int().min(0),
  /** Observers must be invited when any of these is met or exceeded. */
  observe: forces.optional(),
  source: source,
  confidence: z.number().min(0).max(1).optional(),
});
export type NotificationRules = z.infer<typeof notificationRulesSchema>;

/** A named body of parties and monitors that rules on disputed findings. */
export const jointCommissionSchema = z.strictObject({
  id,
  name: z.string().min(1),
  members: z.array(id).min(1),
  source: source.optional(),
});
export type JointCommission = z.infer<typeof jointCommissionSchema>;

export const agreementSchema = z.strictObject({
  id,
  title: z.string().min(1),
  /** Zone used for local times that state none. */
  zone: z.string().optional(),
  source: source,
  milestones: z.array(milestoneSchema).default([]),
  commitments: z.array(commitmentSchema).min(1, { error: "expected at least one commitment" }),
  benefits: z.array(benefitSchema).default([]),
  notifications: notificationRulesSchema.optional(),
  jointCommission: jointCommissionSchema.optional(),
  verification: z
    .strictObject({
      /** A monitor report below this confidence is an allegation, not a verified finding. @default 0.5 */
      minConfidence: z.number().min(0).max(1).default(0.5),
      /** Verified reports that contradict each other within this many hours make a dispute. @default 24 */
      disputeWindowHours: z.number().min(0).default(24),
    })
    .default({ minConfidence: 0.5, disputeWindowHours: 24 }),
});
export type Agreement = z.infer<typeof agreementSchema>;
/** The agreement as written, before defaults are applied. */
export type AgreementInput = z.input<typeof agreementSchema>;

type RefPath = Array<string | number>;

/** A reference from the agreement to something declared elsewhere in the scenario (or in the agreement). */
export interface AgreementRef {
  path: RefPath;
  id: string;
  kind: "actor" | "commitment" | "mechanism" | "issue";
}

/**
 * Every id the agreement uses that names an actor, a mechanism or a commitment, with its path under
 * `agreement`, so the scenario loader can report unknown ids with their location.
 */
export function agreementRefs(a: Agreement): AgreementRef[] {
  const out: AgreementRef[] = [];
  const milestones = new Set(a.milestones.map((m) => m.id));
  const timeRef = (t: TimeRef | undefined, path: RefPath) => {
    if (t && "after" in t && !milestones.has(t.after))
      out.push({ path: [...path, "after"], id: t.after, kind: "commitment" });
  };
  a.milestones.forEach((m, i) => {
    timeRef(m.at, ["milestones", i, "at"]);
  });
  a.commitments.forEach((c, i) => {
    c.obligors.forEach((o, j) => {
      out.push({ path: ["commitments", i, "obligors", j], id: o, kind: "actor" });
    });
    c.monitors.forEach((m, j) => {
      out.push({ path: ["commitments", i, "monitors", j], id: m, kind: "actor" });
    });
    timeRef(c.start, ["commitments", i, "start"]);
    timeRef(c.deadline, ["commitments", i, "deadline"]);
    if (c.onBreach?.mechanism)
      out.push({
        path: ["commitments", i, "onBreach", "mechanism"],
        id: c.onBreach.mechanism,
        kind: "mechanism",
      });
  });
  a.benefits.forEach((b, i) => {
    if (b.beneficiary) out.push({ path: ["benefits", i, "beneficiary"], id: b.beneficiary, kind: "actor" });
  });
  a.jointCommission?.members.forEach((m, j) => {
    out.push({ path: ["jointCommission", "members", j], id: m, kind: "actor" });
  });
  return out;
}

/** A problem inside the agreement itself: a duplicate id, an unknown benefit, a cycle of relative times. */
export interface AgreementProblem {
  code: "duplicate_id" | "unknown_reference" | "cycle" | "inconsistent";
  path: RefPath;
  message: string;
}

/**
 * Checks what only the agreement can: unique commitment, milestone and benefit ids; `unlocks` and
 * `snapBack` naming declared benefits; relative times that do not depend on themselves.
 */
export function checkAgreement(a: Agreement): AgreementProblem[] {
  const out: AgreementProblem[] = [];
  const dup = (ids: string[], what: string, at: (i: number) => RefPath) => {
    const seen = new Set<string>();
    ids.forEach((x, i) => {
      if (seen.has(x)) out.push({ code: "duplicate_id", path: at(i), message: `duplicate ${what} '${x}'` });
      seen.add(x);
    });
  };
  dup(
    a.commitments.map((c) => c.id),
    "commitment",
    (i) => ["commitments", i, "id"],
  );
  dup(
    a.milestones.map((m) => m.id),
    "milestone",
    (i) => ["milestones", i, "id"],
  );
  dup(
    a.benefits.map((b) => b.id),
    "benefit",
    (i) => ["benefits", i, "id"],
  );
  const benefits = new Set(a.benefits.map((b) => b.id));
  const known = `declared benefits: ${[...benefits].join(", ") || "none"}`;
  a.commitments.forEach((c, i) => {
    c.unlocks.forEach((b, j) => {
      if (!benefits.has(b))
        out.push({
          code: "unknown_reference",
          path: ["commitments", i, "unlocks", j],
          message: `unknown benefit '${b}'; ${known}`,
        });
    });
    c.onBreach?.snapBack.forEach((b, j) => {
      if (!benefits.has(b))
        out.push({
          code: "unknown_reference",
          path: ["commitments", i, "onBreach", "snapBack", j],
          message: `unknown benefit '${b}'; ${known}`,
        });
    });
  });
  // Relative times form a graph over moments (a milestone, a commitment's start or deadline);
  // a cycle has no solution. Verification is an event, so it depends on nothing here.
  const milestoneIds = new Set(a.milestones.map((m) => m.id));
  const deps = new Map<string, { to: string; path: RefPath }>();
  const edge = (from: string, t: TimeRef | undefined, path: RefPath) => {
    if (!t || !("after" in t)) return;
    const to = milestoneIds.has(t.after) ? t.after : `${t.after}:${t.on}`;
    deps.set(from, { to, path });
  };
  a.milestones.forEach((m, i) => {
    edge(m.id, m.at, ["milestones", i, "at"]);
  });
  a.commitments.forEach((c, i) => {
    edge(`${c.id}:start`, c.start, ["commitments", i, "start"]);
    edge(`${c.id}:deadline`, c.deadline, ["commitments", i, "deadline"]);
  });
  const done = new Set<string>();
  for (const [first, { path }] of deps) {
    const trail: string[] = [];
    let n: string | undefined = first;
    while (n !== undefined && !done.has(n) && !trail.includes(n)) {
      trail.push(n);
      n = deps.get(n)?.to;
    }
    if (n !== undefined && trail.includes(n)) {
      const cycle = [...trail.slice(trail.indexOf(n)), n];
      out.push({ code: "cycle", path, message: `relative times depend on themselves: ${cycle.join(" → ")}` });
      for (const x of cycle) done.add(x);
    }
    for (const x of trail) done.add(x);
  }
  // A time counted from a moment the other commitment does not have would never be known.
  const commitmentIds = new Map(a.commitments.map((c) => [c.id, c]));
  const missingMoment = (t: TimeRef | undefined, path: RefPath) => {
    if (!t || !("after" in t) || milestoneIds.has(t.after)) return;
    const other = commitmentIds.get(t.after);
    if (other && t.on !== "verified" && !other[t.on])
      out.push({
        code: "inconsistent",
        path: [...path, "on"],
        message: `'${t.after}' has no ${t.on} to count from (${t.on === "start" ? "it is in force from the outset" : "it has no deadline"}); count from a milestone or from another moment`,
      });
  };
  a.commitments.forEach((c, i) => {
    missingMoment(c.start, ["commitments", i, "start"]);
    missingMoment(c.deadline, ["commitments", i, "deadline"]);
    if (c.start && c.deadline && deadlineBeforeStart(a, c, c.start, c.deadline))
      out.push({
        code: "inconsistent",
        path: ["commitments", i, "deadline"],
        message: `the deadline of '${c.id}' falls before its start, so it could never become overdue; move the deadline after the start`,
      });
  });
  return out;
}

/**
 * Whether a commitment's deadline certainly precedes its start: both resolve to fixed instants
 * without any event (absolute times, and times relative to those), or both count from the same
 * moment and the deadline's days and hours are each no more than the start's, one fewer.
 */
function deadlineBeforeStart(a: Agreement, c: Commitment, start: TimeRef, deadline: TimeRef): boolean {
  if ("after" in start && "after" in deadline) {
    const sameBase =
      start.after === deadline.after && (start.on === deadline.on || isMilestone(a, start.after));
    if (sameBase && deadline.days <= start.days && deadline.hours <= start.hours)
      return deadline.days < start.days || deadline.hours < start.hours;
  }
  if ("after" in deadline && deadline.after === c.id && deadline.on === "start")
    return deadline.days <= 0 && deadline.hours <= 0 && (deadline.days < 0 || deadline.hours < 0);
  const s = fixedInstant(a, start, new Set());
  const d = fixedInstant(a, deadline, new Set());
  return s !== undefined && d !== undefined && d < s;
}

const isMilestone = (a: Agreement, id: string) => a.milestones.some((m) => m.id === id);

/** The instant a time reference names when no event is needed to know it (undefined otherwise). */
function fixedInstant(a: Agreement, ref: TimeRef, visiting: Set<string>): number | undefined {
  const zone = ref.zone ?? a.zone;
  try {
    if ("at" in ref) return parseInstant(ref.at, zone);
    const key = `${ref.after}:${ref.on}`;
    if (visiting.has(key)) return undefined; // a cycle, reported on its own
    visiting.add(key);
    const m = a.milestones.find((x) => x.id === ref.after);
    const c = a.commitments.find((x) => x.id === ref.after);
    const baseRef = m
      ? m.at
      : ref.on === "start"
        ? c?.start
        : ref.on === "deadline"
          ? c?.deadline
          : undefined;
    const base = baseRef ? fixedInstant(a, baseRef, visiting) : undefined;
    return base === undefined ? undefined : addDuration(base, ref.days, ref.hours, zone);
  } catch {
    return undefined; // an unreadable time or zone is reported where times are checked
  }
}
