import type { Scenario } from "../model/scenario.js";
import { type InputIssue, NegotiationInputError } from "./input-error.js";
import { valueProblem } from "./words.js";

/** Party actors of the scenario: the ones whose acceptance a zone of agreement needs. */
export function partyActors(s: Scenario): string[] {
  return s.actors.filter((a) => a.roles.includes("party")).map((a) => a.id);
}

/** The roles that seat an actor at the table with a delegation of its own. */
export const DELEGATION_ROLES = ["party", "guarantor", "mediator"] as const;

/**
 * Actors of the scenario that can have a delegation: every participant — a party, a guarantor or a
 * mediating state or organisation — but not an actor that only monitors or observes.
 */
export function delegationActors(s: Scenario): string[] {
  return s.actors
    .filter((a) => a.roles.some((r) => (DELEGATION_ROLES as readonly string[]).includes(r)))
    .map((a) => a.id);
}

/**
 * Checks that a package settles every issue of the scenario with one of its options (or an
 * in-range number) and names no other issue. Throws a {@link NegotiationInputError} whose issues
 * are located at `body.package.<issue>` (at most 50).
 */
export function checkScenarioPackage(s: Scenario, pkg: Record<string, string | number>): void {
  const issues: InputIssue[] = [];
  const known = new Set(s.issues.map((i) => i.id));
  for (const k of Object.keys(pkg)) {
    if (!known.has(k))
      issues.push({ path: `body.package.${k}`, message: `'${k}' is not an issue of this scenario` });
  }
  for (const iss of s.issues) {
    const x = pkg[iss.id];
    const path = `body.package.${iss.id}`;
    if (x === undefined) issues.push({ path, message: `${iss.name}: every issue must be settled` });
    else {
      // Any value in range is accepted (85,000 personnel, 342 tanks): the step is for analyses only.
      const problem = valueProblem(iss, x);
      if (problem) issues.push({ path, message: problem });
    }
  }
  if (issues.length)
    throw new NegotiationInputError(
      issues.length === 1 ? issues[0]!.message : `${issues[0]!.message} (and ${issues.length - 1} more)`,
      issues.slice(0, 50),
    );
}
