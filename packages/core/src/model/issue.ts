import { z } from "zod";
import { idSchema } from "./common.js";

const optionSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1),
  description: z.string().optional(),
});

const ordinalOptionSchema = optionSchema.extend({
  /** Position of this option on the issue's 0–100 axis; options are evenly spaced when omitted. */
  value: z.number().min(0).max(100).optional(),
});

/** What was decided in the end, for backtesting forecasts against it (`entente evaluate`). */
const recordedOutcomeSchema = z.strictObject({
  /** An option id (ordinal, categorical) or a number in the issue's range (numeric). */
  value: z.union([z.number(), idSchema]),
  source: z.string().min(1),
});

/**
 * How an EU legislative issue is decided, for the procedural forecast model (Thomson et al. 2006,
 * *The European Union Decides*): the procedure, the Council's voting rule, and which actors are the
 * Commission (agenda setter) and the European Parliament.
 */
const euProcedureSchema = z.strictObject({
  procedure: z.enum(["codecision", "consultation"]),
  councilRule: z.enum(["qmv", "unanimity"]),
  agendaSetter: idSchema.optional(),
  parliament: idSchema.optional(),
});

const common = {
  id: idSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  source: z.string().optional(),
  outcome: recordedOutcomeSchema.optional(),
  euProcedure: euProcedureSchema.optional(),
};

/** An issue whose options have an order (e.g. from "full NATO membership" to "permanent neutrality"). */
export const ordinalIssueSchema = z.strictObject({
  ...common,
  kind: z.literal("ordinal"),
  options: z.array(ordinalOptionSchema).min(2, { error: "expected at least two options" }),
  statusQuo: idSchema.optional(),
});

/** An issue decided by a number in a range with a unit (e.g. a force ceiling in personnel). */
export const numericIssueSchema = z.strictObject({
  ...common,
  kind: z.literal("numeric"),
  unit: z.string().min(1),
  min: z.number(),
  max: z.number(),
  /** Discretisation step used where packages are enumerated; (max − min) / 10 when omitted. */
  step: z.number().positive().optional(),
  statusQuo: z.number().optional(),
});

/** An issue whose options have no order (e.g. who sends peacekeepers). */
export const categoricalIssueSchema = z.strictObject({
  ...common,
  kind: z.literal("categorical"),
  options: z.array(optionSchema).min(2, { error: "expected at least two options" }),
  statusQuo: idSchema.optional(),
});

export const issueSchema = z.discriminatedUnion(
  "kind",
  [ordinalIssueSchema, numericIssueSchema, categoricalIssueSchema],
  {
    error: "expected an issue with kind: ordinal, numeric or categorical",
  },
);

export type OrdinalIssue = z.infer<typeof ordinalIssueSchema>;
export type NumericIssue = z.infer<typeof numericIssueSchema>;
export type CategoricalIssue = z.infer<typeof categoricalIssueSchema>;
export type Issue = z.infer<typeof issueSchema>;
/** A point on an issue: an option id for ordinal and categorical issues, a number for numeric ones. */
export type IssueValue = string | number;
