import { z } from "zod";

/**
 * The monitoring event log. Events are append-only: a correction is a new event whose `supersedes`
 * names the event it replaces, never an edit. `time` is when it happened; `recorded` is when it
 * entered the log, which is what `--as-of` replays against (what was known at that moment).
 */

const id = z
  .string({ error: "expected an id (letters, digits, '-', '_', '.', ':')" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
    error: "expected an id of letters, digits, '-', '_', '.' or ':', starting with a letter or digit",
  });

const instant = z
  .string({ error: "expected a date-time such as 2015-02-15T00:00+02:00" })
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i, {
    error: "expected an ISO 8601 date-time such as 2015-02-15T00:00+02:00 (or local time with a zone)",
  });

const count = z.number({ error: "expected a count" }).int({ error: "expected a whole number" }).min(0, {
  error: "expected a count ≥ 0",
});

const confidence = z.number({ error: "expected a number from 0 to 1" }).min(0).max(1, {
  error: "expected a number from 0 to 1",
});

const common = {
  id,
  time: instant,
  /** IANA zone for `time`/`recorded` written without an offset. */
  zone: z.string().optional(),
  /** When the event entered the log. @default time */
  recorded: instant.optional(),
  /** The actor (or joint commission) filing the event. */
  by: id,
  supersedes: id.optional(),
  /** Whether observers may see it (published findings). @default false */
  published: z.boolean().default(false),
  note: z.string().optional(),
};

export const reportTypes = [
  "ceasefire-violation",
  "weapon-sighting",
  "withdrawal-verified",
  "compliance-verified",
  "access-denied",
  "other",
] as const;
export type ReportType = (typeof reportTypes)[number];

/** What a monitor saw. `party` is the alleged party of a violation or the subject of a verification. */
export const reportEventSchema = z.strictObject({
  kind: z.literal("report"),
  ...common,
  type: z.enum(reportTypes, { error: `expected one of: ${reportTypes.join(", ")}` }),
  commitment: id.optional(),
  metric: id.optional(),
  area: z.string().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  count: count.optional(),
  weaponClass: z.string().optional(),
  party: id.optional(),
  evidence: z.array(z.string()).default([]),
  confidence,
});

/** An inspection's finding about one party and one commitment (or metric). */
export const inspectionEventSchema = z.strictObject({
  kind: z.literal("inspection"),
  ...common,
  commitment: id.optional(),
  metric: id.optional(),
  area: z.string().optional(),
  party: id,
  finding: z.enum(["compliant", "non-compliant", "access-denied"], {
    error: "expected one of: compliant, non-compliant, access-denied",
  }),
  count: count.optional(),
  weaponClass: z.string().optional(),
  evidence: z.array(z.string()).default([]),
  confidence,
});

/** A disputed finding referred to the joint commission. */
export const referralEventSchema = z.strictObject({
  kind: z.literal("referral"),
  ...common,
  commitment: id,
  party: id,
});

/** The joint commission's ruling on a referred finding. */
export const rulingEventSchema = z.strictObject({
  kind: z.literal("ruling"),
  ...common,
  commitment: id,
  party: id,
  finding: z.enum(["violation", "compliance", "inconclusive"], {
    error: "expected one of: violation, compliance, inconclusive",
  }),
  refs: z.array(id).default([]),
});

const forceFields = {
  activity: id,
  area: z.string().optional(),
  start: instant,
  end: instant.optional(),
  troops: count.default(0),
  tanks: count.default(0),
  acv: count.default(0),
  artillery: count.default(0),
};

/** A military activity declared in advance by the party conducting it. */
export const notificationEventSchema = z.strictObject({
  kind: z.literal("notification"),
  ...common,
  ...forceFields,
  party: id,
  observersInvited: z.boolean().default(false),
});

/** A military activity as a monitor observed it, to check against what was declared. */
export const activityEventSchema = z.strictObject({
  kind: z.literal("activity"),
  ...common,
  ...forceFields,
  activity: id.optional(),
  party: id,
  confidence,
});

/** A guarantor's vote in a consultation. */
export const voteEventSchema = z.strictObject({
  kind: z.literal("vote"),
  ...common,
  consultation: z.string().min(1),
  vote: z.enum(["yes", "no", "abstain"], { error: "expected one of: yes, no, abstain" }),
});

/** A party's own claim that it has met a commitment (awaiting verification). */
export const declarationEventSchema = z.strictObject({
  kind: z.literal("declaration"),
  ...common,
  commitment: id,
});

/** Sets a milestone declared without a fixed time (e.g. entry into force). */
export const milestoneEventSchema = z.strictObject({
  kind: z.literal("milestone"),
  ...common,
  milestone: id,
});

export const eventSchema = z.discriminatedUnion(
  "kind",
  [
    reportEventSchema,
    inspectionEventSchema,
    referralEventSchema,
    rulingEventSchema,
    notificationEventSchema,
    activityEventSchema,
    voteEventSchema,
    declarationEventSchema,
    milestoneEventSchema,
  ],
  {
    error:
      "expected kind to be one of: report, inspection, referral, ruling, notification, activity, vote, declaration, milestone",
  },
);

export type MonitoringEvent = z.infer<typeof eventSchema>;
export type MonitoringEventInput = z.input<typeof eventSchema>;
export type EventKind = MonitoringEvent["kind"];
export type ReportEvent = z.infer<typeof reportEventSchema>;
export type InspectionEvent = z.infer<typeof inspectionEventSchema>;
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
export type ActivityEvent = z.infer<typeof activityEventSchema>;
export type VoteEvent = z.infer<typeof voteEventSchema>;

/** Every event field and the kinds that accept it, so CSV columns can be typed. */
export const eventFieldTypes: Record<string, "string" | "number" | "boolean" | "list"> = {
  count: "number",
  lat: "number",
  lon: "number",
  troops: "number",
  tanks: "number",
  acv: "number",
  artillery: "number",
  confidence: "number",
  published: "boolean",
  observersInvited: "boolean",
  evidence: "list",
  refs: "list",
};
