import type { Scenario } from "../model/scenario.js";
import { type InputIssue, NegotiationInputError } from "./input-error.js";

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
      issues.push({ path: `body.package.${k}`, message: "no issue with this id in the scenario" });
  }
  for (const iss of s.issues) {
    const x = pkg[iss.id];
    const path = `body.package.${iss.id}`;
    if (x === undefined) issues.push({ path, message: "every issue must be settled" });
    else if (iss.kind === "numeric") {
      if (typeof x !== "number" || x < iss.min || x > iss.max) {
        issues.push({ path, message: `expected a number from ${iss.min} to ${iss.max} ${iss.unit}` });
      }
    } else if (!iss.options.some((o) => o.id === x)) {
      issues.push({ path, message: `expected one of ${iss.options.map((o) => o.id).join(", ")}` });
    }
  }
  if (issues.length)
    throw new NegotiationInputError(
      `invalid package: ${issues[0]!.path}: ${issues[0]!.message}`,
      issues.slice(0, 50),
    );
}
