import { z } from "zod";

/** Identifiers are short, stable, URL-safe names used to cross-reference actors, issues and options. */
export const idSchema = z
  .string({ error: "expected an id (letters, digits, '-', '_', '.')" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
    error: "expected an id of 1–64 letters, digits, '-', '_' or '.', starting with a letter or digit",
  });

const unitIntervalError = "expected a number from 0 to 1";

/** A number in [0, 1]: salience, confidence, probability. */
export const unitIntervalSchema = z
  .number({ error: unitIntervalError })
  .min(0, { error: unitIntervalError })
  .max(1, { error: unitIntervalError });

/** Where a number about a real actor comes from: a seed file name, a treaty, a dated public statement. */
export const sourceSchema = z
  .string({ error: "expected a source: a seed file name, a treaty, or a dated public statement" })
  .min(3, { error: "expected a source: a seed file name, a treaty, or a dated public statement" });

/** A number that describes a real actor, with where it comes from and how sure we are of it. */
export const sourcedNumberSchema = z.strictObject({
  value: z.number({ error: "expected a number" }).min(0, { error: "expected a number ≥ 0" }),
  source: sourceSchema,
  confidence: unitIntervalSchema,
});

export type SourcedNumber = z.infer<typeof sourcedNumberSchema>;
