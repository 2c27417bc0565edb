import { z } from "zod";
import { idSchema, sourcedNumberSchema, unitIntervalSchema } from "./common.js";

export const actorKinds = ["state", "bloc", "organisation"] as const;
export const actorRoles = ["party", "guarantor", "mediator", "monitor", "observer"] as const;

/** A state, bloc or organisation at the table, with its roles and its capability (clout). */
export const actorSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  kind: z.enum(actorKinds),
  roles: z.array(z.enum(actorRoles)).min(1, { error: "expected at least one role" }),
  capability: sourcedNumberSchema,
  /** Utility (0–1) this actor expects if talks fail; overrides the status quo as its disagreement point. */
  batna: unitIntervalSchema.optional(),
  description: z.string().optional(),
});

export type Actor = z.infer<typeof actorSchema>;
export type ActorRole = (typeof actorRoles)[number];
