import { z } from "zod";
import { idSchema, sourceSchema, unitIntervalSchema } from "./common.js";

const issueValueSchema = z.union([idSchema, z.number()], { error: "expected an option id or a number" });

/**
 * What an actor will not accept on an issue. `reject` lists options; `atLeast` / `atMost` bound the
 * acceptable range (in option order for ordinal issues, in units for numeric ones).
 */
export const redLineSchema = z.strictObject({
  reject: z.array(idSchema).optional(),
  atLeast: issueValueSchema.optional(),
  atMost: issueValueSchema.optional(),
  note: z.string().optional(),
});

/** How utility falls with distance from the ideal, or an explicit utility per option. */
export const utilityShapeSchema = z.union(
  [z.enum(["linear", "quadratic"]), z.strictObject({ table: z.record(idSchema, unitIntervalSchema) })],
  { error: "expected 'linear', 'quadratic' or { table: { optionId: utility } }" },
);

/** An actor's stance on one issue, as that actor states it, with its source and confidence. */
export const positionSchema = z.strictObject({
  actor: idSchema,
  issue: idSchema,
  ideal: issueValueSchema,
  salience: unitIntervalSchema,
  redLine: redLineSchema.optional(),
  utility: utilityShapeSchema.optional(),
  /** KTAB-style risk attitude in [-1, 1]; 0 is risk-neutral. */
  riskAttitude: z.number().min(-1).max(1).optional(),
  /** This actor's own reading of the status quo, where it differs from the issue's. */
  statusQuo: issueValueSchema.optional(),
  source: sourceSchema,
  confidence: unitIntervalSchema,
  note: z.string().optional(),
});

export type RedLine = z.infer<typeof redLineSchema>;
export type UtilityShape = z.infer<typeof utilityShapeSchema>;
export type Position = z.infer<typeof positionSchema>;
