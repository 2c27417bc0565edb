import { packageTerms, spaceFromScenario } from "../agreement/from-scenario.js";
import { agreementQueries } from "../agreement/queries.js";
import { bargainingSolutions } from "../agreement/solutions.js";
import type { IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { issuePoints } from "../utility/issue-axis.js";
import type { Package } from "../utility/package-utility.js";

/** What the mediator may learn about the zone of agreement: aggregates over every delegation. */
export interface ZoneSummary {
  /** Whether some package is acceptable to every party at the table. */
  exists: boolean;
  /** How many packages are acceptable to all: exact, or a proven interval. */
  count: { lower: number; upper: number; exact: boolean };
  /** Packages in the space before any red line. */
  total: number;
  /** The Nash bargaining package (Nash 1950), null when none is acceptable. */
  nash: Record<string, IssueValue> | null;
  /** Other packages the agreement engine suggests (utilitarian, egalitarian, Kalai–Smorodinsky). */
  suggestions: { kind: string; package: Record<string, IssueValue> }[];
}

/**
 * The narrow seam between the platform and the agreement engine: the server hands it the merged
 * (confidential) scenario and the parties at the table, and passes on only what it returns.
 */
export interface AgreementOracle {
  zone(scenario: Scenario, parties: string[]): ZoneSummary;
  /** For each party: would it accept this package (no red line crossed, at least its BATNA)? */
  acceptance(scenario: Scenario, parties: string[], pkg: Package): Record<string, boolean>;
  /** Whether some package is acceptable to every party (defaults to `zone(…).exists`). */
  exists?(scenario: Scenario, parties: string[]): boolean;
}

function tableParties(scenario: Scenario, parties: string[]): string[] {
  const withPositions = new Set(scenario.positions.map((p) => p.actor));
  return parties.filter((a) => withPositions.has(a));
}

/**
 * The default oracle, over the agreement engine's platform queries (`agreementQueries`) and its
 * bargaining solutions. "Acceptable" is the engine's: crosses no red line and leaves the actor at
 * least its disagreement utility (its BATNA, else its status quo).
 */
export const engineOracle: AgreementOracle = {
  zone(scenario, parties) {
    const actors = tableParties(scenario, parties);
    const total = scenario.issues.reduce((n, iss) => n * issuePoints(iss).length, 1);
    if (actors.length === 0) {
      return {
        exists: false,
        count: { lower: 0, upper: 0, exact: true },
        total,
        nash: null,
        suggestions: [],
      };
    }
    const q = agreementQueries(scenario, { actors, nodeBudget: 2_000_000 });
    const c = q.count();
    const nash = q.nashPackage().package;
    const ss = spaceFromScenario(scenario, { actors });
    const sol = bargainingSolutions(ss.space, { nodeBudget: 2_000_000 });
    const suggestions: ZoneSummary["suggestions"] = [];
    for (const [kind, o] of [
      ["utilitarian", sol.utilitarian],
      ["egalitarian", sol.egalitarian],
      ["kalai-smorodinsky", sol.kalaiSmorodinsky],
    ] as const) {
      if (o.package) suggestions.push({ kind, package: packageTerms(ss, o.package) });
    }
    return {
      exists: c.lower > 0 || q.existsAcceptable().exists,
      count: { lower: c.lower, upper: c.upper, exact: c.exact },
      total: c.total,
      nash,
      suggestions,
    };
  },
  exists(scenario, parties) {
    const actors = tableParties(scenario, parties);
    if (actors.length === 0) return false;
    const q = agreementQueries(scenario, { actors, nodeBudget: 2_000_000 });
    return q.existsAcceptable().exists;
  },
  acceptance(scenario, parties, pkg) {
    const actors = tableParties(scenario, parties);
    const out: Record<string, boolean> = {};
    if (actors.length === 0) return out;
    for (const v of agreementQueries(scenario, { actors }).wouldEachAccept(pkg)) out[v.actor] = v.accepts;
    return out;
  },
};
