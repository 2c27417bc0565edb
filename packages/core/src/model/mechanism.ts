import { z } from "zod";
import { idSchema, sourceSchema, unitIntervalSchema } from "./common.js";
import { decisionRuleActorRefs, decisionRuleSchema } from "./decision-rule.js";

/**
 * What happens to the vote of the guarantor a response would be directed against:
 * - `abstains`: it does not take part; members and shares are counted over the others (recusal);
 * - `votes`: it votes like any other guarantor (the Istanbul 2022 / Lavrov unanimity clause);
 * - `counts-as-no`: it stays in the count but its vote is recorded as no.
 */
export const accusedVoteModes = ["abstains", "votes", "counts-as-no"] as const;
export type AccusedVote = (typeof accusedVoteModes)[number];

/** One guarantor's stated probability of backing a response against one potential violator. */
export const supportSchema = z.strictObject({
  guarantor: idSchema,
  against: idSchema,
  probability: unitIntervalSchema,
  source: sourceSchema,
  confidence: unitIntervalSchema,
});
export type Support = z.infer<typeof supportSchema>;

/**
 * A guarantee mechanism: the guarantors, the rule that activates a response, the accused guarantor's
 * vote, the consultation deadline (Istanbul 2022 draft: three days) and the response options, with a
 * behaviour model (`support`) used by the stress test.
 */
export const mechanismSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  guarantors: z.array(idSchema).min(1, { error: "expected at least one guarantor" }),
  rule: decisionRuleSchema,
  accusedVote: z.enum(accusedVoteModes, { error: "expected 'abstains', 'votes' or 'counts-as-no'" }),
  consultationHours: z
    .number({ error: "expected the consultation deadline in hours (> 0)" })
    .gt(0, { error: "expected the consultation deadline in hours (> 0)" })
    .finite(),
  responses: z.array(z.string().min(1)).default([]),
  support: z.array(supportSchema).default([]),
  source: sourceSchema.optional(),
});

export type Mechanism = z.infer<typeof mechanismSchema>;

/**
 * Every actor-id reference inside one mechanism, with its path relative to the mechanism, so that a
 * caller can report unknown ids at file:line:column (path e.g. `["rule", "rules", 1, "of", 0]`).
 */
export function mechanismActorRefs(m: Mechanism): Array<{ path: Array<string | number>; id: string }> {
  const out: Array<{ path: Array<string | number>; id: string }> = [];
  for (const [i, id] of m.guarantors.entries()) out.push({ path: ["guarantors", i], id });
  for (const r of decisionRuleActorRefs(m.rule)) out.push({ path: ["rule", ...r.path], id: r.id });
  (m.support ?? []).forEach((s, i) => {
    out.push({ path: ["support", i, "guarantor"], id: s.guarantor });
    out.push({ path: ["support", i, "against"], id: s.against });
  });
  return out;
}
