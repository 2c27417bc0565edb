import { z } from "zod";
import { actorSchema } from "./actor.js";
import { agreementSchema } from "./agreement.js";
import { idSchema } from "./common.js";
import { issueSchema } from "./issue.js";
import { mechanismSchema } from "./mechanism.js";
import { positionSchema } from "./position.js";

/** The scenario file format version this build reads. */
export const SCENARIO_FORMAT_VERSION = 1;

/**
 * The scenario: who is at the table, what is on it, where each actor stands, which guarantee
 * mechanisms are proposed and, optionally, the agreement being monitored. This schema is the single
 * source of truth: the TypeScript types and `schema/scenario.schema.json` are generated from it.
 */
export const scenarioSchema = z.strictObject({
  entente: z.literal(SCENARIO_FORMAT_VERSION, {
    error: `expected the format version ${SCENARIO_FORMAT_VERSION}`,
  }),
  id: idSchema,
  title: z.string().min(1),
  description: z.string().optional(),
  asOf: z.string().optional(),
  actors: z.array(actorSchema).min(1, { error: "expected at least one actor" }),
  issues: z.array(issueSchema).min(1, { error: "expected at least one issue" }),
  positions: z.array(positionSchema),
  mechanisms: z.array(mechanismSchema).default([]),
  agreement: agreementSchema.optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
