import type { IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import { countAcceptable } from "./count.js";
import {
  packageTerms,
  type ScenarioSpace,
  type ScenarioSpaceOptions,
  spaceFromScenario,
  wouldEachAcceptExact,
} from "./from-scenario.js";
import { maximize } from "./optimize.js";
import { type Prepared, prepare } from "./prepare.js";

/** Answers a mediator's platform can give without revealing any actor's red lines or utilities. */
export interface AgreementQueries {
  /** Is some package acceptable to every actor? `exact` false means the node budget ran out undecided. */
  existsAcceptable(): { exists: boolean; exact: boolean };
  /** How many packages every actor can accept: exact, or proven bounds. */
  count(): { exact: boolean; lower: number; upper: number; total: number };
  /** The Nash bargaining package in the scenario's terms (null when none leaves everyone strictly better off). */
  nashPackage(): { package: Record<string, IssueValue> | null; exact: boolean };
  /** Whether each actor would accept a package, on its exact values (no snapping), and only that. */
  wouldEachAccept(pkg: Package): { actor: string; accepts: boolean }[];
}

/**
 * Query functions over one scenario for the server: the space is built and readied once, each
 * answer is computed on demand. Answers say only yes/no or a count, so a mediator can learn
 * whether a zone of agreement exists from confidential red lines without seeing them.
 */
export function agreementQueries(
  scenario: Scenario,
  options: ScenarioSpaceOptions & { nodeBudget?: number } = {},
): AgreementQueries {
  const ss: ScenarioSpace = spaceFromScenario(scenario, options);
  let prepared: Prepared | null = null;
  const p = () => {
    prepared ??= prepare(ss.space);
    return prepared;
  };
  const budget = options.nodeBudget ?? 20_000_000;
  return {
    existsAcceptable() {
      const r = maximize(p(), { kind: "egalitarian" }, { nodeBudget: budget });
      return { exists: r.package !== null, exact: r.exact || r.package !== null };
    },
    count() {
      const r = countAcceptable(p(), { nodeBudget: budget, sample: 0 });
      return { exact: r.exact, lower: r.lower, upper: r.upper, total: r.total };
    },
    nashPackage() {
      const r = maximize(p(), { kind: "nash" }, { nodeBudget: budget });
      return { package: r.package ? packageTerms(ss, r.package) : null, exact: r.exact };
    },
    wouldEachAccept(pkg) {
      return wouldEachAcceptExact(ss, pkg).map((v) => ({
        actor: v.actor,
        accepts: v.accepts,
      }));
    },
  };
}
