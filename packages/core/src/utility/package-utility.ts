import type { IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { crossesRedLine, issueUtility } from "./issue-utility.js";

/** One option per issue: a candidate agreement. Issues missing from the map are not settled by it. */
export type Package = Readonly<Record<string, IssueValue>>;

/** An actor's view of a package: its utility and the red lines the package crosses. */
export interface PackageAssessment {
  actor: string;
  /** Salience-weighted mean of per-issue utilities, so the actor's ideal package scores 1. */
  utility: number;
  redLinesCrossed: string[];
}

/**
 * Scores a package for every actor with positions: utility = Σ sᵢ·uᵢ(xᵢ) / Σ sᵢ over the issues the
 * actor has a position on (an additive multi-attribute utility, Keeney & Raiffa 1976), and the
 * issues on which the package crosses the actor's red line.
 */
export function assessPackage(scenario: Scenario, pkg: Package): PackageAssessment[] {
  const issues = new Map(scenario.issues.map((i) => [i.id, i]));
  const byActor = new Map<string, { num: number; den: number; crossed: string[] }>();
  for (const p of scenario.positions) {
    const issue = issues.get(p.issue);
    const x = pkg[p.issue];
    if (!issue || x === undefined) continue;
    const acc = byActor.get(p.actor) ?? { num: 0, den: 0, crossed: [] };
    acc.num += p.salience * issueUtility(p, issue, x);
    acc.den += p.salience;
    if (crossesRedLine(p, issue, x)) acc.crossed.push(p.issue);
    byActor.set(p.actor, acc);
  }
  return scenario.actors
    .filter((a) => byActor.has(a.id))
    .map((a) => {
      const acc = byActor.get(a.id)!;
      return { actor: a.id, utility: acc.den > 0 ? acc.num / acc.den : 0, redLinesCrossed: acc.crossed };
    });
}
