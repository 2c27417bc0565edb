import { z } from "zod";
import { idSchema } from "./common.js";

/**
 * A decision rule that activates a guarantee: who must say yes. Rules are data, so a scenario can state
 * any rule its authors can write down, and the power engine (packages/core/src/power/) turns each one
 * into an exact simple game. Every rule is monotone: adding a yes-vote never turns a pass into a fail.
 *
 * Where a rule has an optional `of`, it ranges over those guarantors; without it, over all of the
 * mechanism's guarantors. Shares are of the guarantors that take part in the vote (an accused
 * guarantor that abstains does not count); absolute numbers (`k`, `quota`) are kept as written.
 */
export type DecisionRule =
  | { type: "unanimity"; of?: string[] | undefined }
  | { type: "k-of-n"; k?: number | undefined; share?: number | undefined; of?: string[] | undefined }
  | {
      type: "weighted";
      weights: Record<string, number>;
      quota?: number | undefined;
      quotaShare?: number | undefined;
    }
  | { type: "veto-set"; members: string[] }
  | {
      type: "double-majority";
      of?: string[] | undefined;
      memberShare?: number | undefined;
      memberCount?: number | undefined;
      weights: Record<string, number>;
      weightShare: number;
      blockingMinority?: number | undefined;
    }
  | { type: "and"; rules: DecisionRule[] }
  | { type: "or"; rules: DecisionRule[] };

export type DecisionRuleType = DecisionRule["type"];

const shareError = "expected a share greater than 0 and at most 1 (e.g. 0.65 for 65%)";
const shareSchema = z
  .number({ error: shareError })
  .gt(0, { error: shareError })
  .max(1, { error: shareError });
const countSchema = z
  .number({ error: "expected a whole number ≥ 0" })
  .int({ error: "expected a whole number ≥ 0" })
  .min(0, { error: "expected a whole number ≥ 0" });
const membersSchema = z.array(idSchema);
const weightsSchema = z.record(
  idSchema,
  z
    .number({ error: "expected a weight (a finite number ≥ 0)" })
    .min(0, { error: "expected a weight ≥ 0" })
    .finite({ error: "expected a finite weight" }),
);

const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

const unanimity = z.strictObject({ type: z.literal("unanimity"), of: membersSchema.optional() });

const kOfN = z
  .strictObject({
    type: z.literal("k-of-n"),
    k: countSchema.optional(),
    share: shareSchema.optional(),
    of: membersSchema.optional(),
  })
  .refine((r) => exactlyOne(r.k, r.share), {
    error: "expected exactly one of 'k' (a number of guarantors) or 'share' (e.g. 0.66)",
  });

const weighted = z
  .strictObject({
    type: z.literal("weighted"),
    weights: weightsSchema,
    quota: z.number({ error: "expected a quota ≥ 0" }).min(0, { error: "expected a quota ≥ 0" }).optional(),
    quotaShare: shareSchema.optional(),
  })
  .refine((r) => exactlyOne(r.quota, r.quotaShare), {
    error: "expected exactly one of 'quota' (total weight) or 'quotaShare' (share of the total weight)",
  });

const vetoSet = z.strictObject({
  type: z.literal("veto-set"),
  members: membersSchema.min(1, { error: "expected at least one member with a veto" }),
});

const doubleMajority = z
  .strictObject({
    type: z.literal("double-majority"),
    of: membersSchema.optional(),
    memberShare: shareSchema.optional(),
    memberCount: countSchema.optional(),
    weights: weightsSchema,
    weightShare: shareSchema,
    blockingMinority: countSchema.min(1, { error: "expected a blocking minority of at least 1" }).optional(),
  })
  .refine((r) => r.memberShare !== undefined || r.memberCount !== undefined, {
    error: "expected 'memberShare' (e.g. 0.55) or 'memberCount' (or both)",
  });

/** The zod schema of a decision rule (recursive through `and` / `or`). */
export const decisionRuleSchema: z.ZodType<DecisionRule> = z.lazy(() =>
  z.discriminatedUnion(
    "type",
    [
      unanimity,
      kOfN,
      weighted,
      vetoSet,
      doubleMajority,
      z.strictObject({
        type: z.literal("and"),
        rules: z.array(decisionRuleSchema).min(1, { error: "expected at least one rule" }),
      }),
      z.strictObject({
        type: z.literal("or"),
        rules: z.array(decisionRuleSchema).min(1, { error: "expected at least one rule" }),
      }),
    ],
    {
      error: "expected a rule type: unanimity, k-of-n, weighted, veto-set, double-majority, and, or",
    },
  ),
) as z.ZodType<DecisionRule>;

/** Every actor id written inside a rule, with its path relative to the rule. */
export function decisionRuleActorRefs(
  rule: DecisionRule,
): Array<{ path: Array<string | number>; id: string }> {
  const out: Array<{ path: Array<string | number>; id: string }> = [];
  const walk = (r: DecisionRule, at: Array<string | number>) => {
    switch (r.type) {
      case "unanimity":
      case "k-of-n":
        for (const [i, id] of (r.of ?? []).entries()) out.push({ path: [...at, "of", i], id });
        return;
      case "veto-set":
        for (const [i, id] of r.members.entries()) out.push({ path: [...at, "members", i], id });
        return;
      case "weighted":
        for (const id of Object.keys(r.weights)) out.push({ path: [...at, "weights", id], id });
        return;
      case "double-majority":
        for (const [i, id] of (r.of ?? []).entries()) out.push({ path: [...at, "of", i], id });
        for (const id of Object.keys(r.weights)) out.push({ path: [...at, "weights", id], id });
        return;
      case "and":
      case "or":
        for (const [i, sub] of r.rules.entries()) walk(sub, [...at, "rules", i]);
        return;
    }
  };
  walk(rule, []);
  return out;
}
