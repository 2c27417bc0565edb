import { z } from "zod";
import { parseScenario } from "../model/parse.js";
import { type Position, positionSchema } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import { type InputIssue, NegotiationInputError } from "./input-error.js";

/** What a delegation lodges privately: positions that override the public ones for its actor. */
export const privateBodySchema = z.strictObject({
  positions: z.array(positionSchema.omit({ actor: true })).max(500),
  /** Utility (0..1 of the ideal) the delegation gets if talks fail; overrides the public BATNA. */
  batna: z.number().min(0).max(1).optional(),
});
export type PrivateBody = z.infer<typeof privateBodySchema>;

/**
 * The scenario as seen by the agreement engine once every delegation's private positions replace
 * the public ones of its actor (issue by issue), and its private BATNA the public one. Only the
 * server's derived answers ever see this merged scenario; no route returns it.
 */
export function mergePrivate(
  scenario: Scenario,
  privates: ReadonlyArray<{ actorId: string; body: PrivateBody }>,
): Scenario {
  const overridden = new Set<string>();
  const added: Position[] = [];
  const batna = new Map<string, number>();
  for (const p of privates) {
    for (const pos of p.body.positions) {
      overridden.add(`${p.actorId}\u0000${pos.issue}`);
      added.push({ ...pos, actor: p.actorId } as Position);
    }
    if (p.body.batna !== undefined) batna.set(p.actorId, p.body.batna);
  }
  return {
    ...scenario,
    actors: scenario.actors.map((a) => (batna.has(a.id) ? { ...a, batna: batna.get(a.id)! } : a)),
    positions: [...scenario.positions.filter((p) => !overridden.has(`${p.actor}\u0000${p.issue}`)), ...added],
  };
}

/**
 * Checks a delegation's private positions against the public scenario with the model's own
 * validator (issue ids, option ids, red-line consistency), reporting paths in the caller's body
 * (`body.positions[i]…`). Throws a {@link NegotiationInputError}.
 */
export function validatePrivate(scenario: Scenario, actorId: string, body: PrivateBody): void {
  const dup = new Set<string>();
  body.positions.forEach((p, i) => {
    if (dup.has(p.issue)) {
      const name = scenario.issues.find((x) => x.id === p.issue)?.name ?? p.issue;
      throw new NegotiationInputError(`${name}: a second position on this issue`, [
        { path: `body.positions[${i}].issue`, message: `${name}: each issue may appear once` },
      ]);
    }
    dup.add(p.issue);
  });
  const own = { actorId, body };
  const merged = mergePrivate(scenario, [own]);
  const offset = merged.positions.length - body.positions.length;
  const r = parseScenario(JSON.stringify(merged), "private.json");
  if (r.ok) return;
  const issues: InputIssue[] = [];
  for (const e of r.errors) {
    const m = /^positions\[(\d+)\](.*)$/.exec(e.path);
    if (m && Number(m[1]) >= offset) {
      const i = Number(m[1]) - offset;
      // In words: the issue's name and the field, not an array index ("Ceiling on Ukraine's tanks,
      // red line: …"); the path stays for forms that mark the field.
      const issueId = body.positions[i]?.issue ?? "";
      const name = scenario.issues.find((x) => x.id === issueId)?.name ?? `'${issueId}'`;
      const field = fieldWords(m[2] ?? "");
      issues.push({
        path: `body.positions[${i}]${m[2]}`,
        message: `Your position on ${name}${field ? `, ${field}` : ""}: ${e.message}`,
      });
    }
  }
  if (issues.length === 0) issues.push({ path: "body", message: "the positions do not fit the scenario" });
  throw new NegotiationInputError(
    issues.length === 1 ? issues[0]!.message : `${issues[0]!.message} (and ${issues.length - 1} more)`,
    issues,
  );
}

/** ".redLine.atLeast" → "red line (at least)"; the words for a field path inside one position. */
function fieldWords(rest: string): string {
  const words: Record<string, string> = {
    ideal: "ideal",
    salience: "salience",
    confidence: "confidence",
    source: "source",
    redLine: "red line",
    atLeast: "at least",
    atMost: "at most",
    reject: "options rejected",
    utility: "utility",
    statusQuo: "status quo",
    issue: "issue",
  };
  const parts = rest
    .split(/[.[\]]/)
    .filter((x) => x && !/^\d+$/.test(x))
    .map((x) => words[x] ?? x);
  if (parts.length === 0) return "";
  return parts.length === 1 ? parts[0]! : `${parts[0]} (${parts.slice(1).join(", ")})`;
}
