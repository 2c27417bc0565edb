import type { Agreement } from "../model/agreement.js";
import { parseScenario } from "../model/parse.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import { type InputIssue, NegotiationInputError } from "./input-error.js";
import { packageMilestones } from "./package-milestones.js";

/** The agreement a concluded negotiation records: the package, the commitments, the milestones it sets. */
export interface AgreementBody {
  package: Package;
  /** The scenario's agreement block with the commitments as agreed (the template's, or edited). */
  agreement: Agreement;
  /** Milestones the package sets when it enters into force (`packageMilestones`), in the agreement's order. */
  milestones: string[];
}

/**
 * Drafts the agreement of a concluded package from the scenario's `agreement` template: its
 * commitments as written, and the option milestones the package sets (so commitments tied to
 * options not picked stay pending, see `packageMilestones`). With `commitments`, those replace the
 * template's (an edited draft), checked with the scenario's own validator (references to actors,
 * milestones, monitors and mechanisms), every problem located at `body.commitments…`.
 * Throws a {@link NegotiationInputError} when the scenario has no template or the edit does not fit.
 */
export function draftAgreement(scenario: Scenario, pkg: Package, commitments?: unknown[]): AgreementBody {
  const template = scenario.agreement;
  if (!template)
    throw new NegotiationInputError(
      "this negotiation's scenario has no agreement template; add an `agreement` block to draft commitments from",
    );
  const milestones = packageMilestones(scenario, pkg);
  if (commitments === undefined) return { package: pkg, agreement: template, milestones };
  const candidate = { ...scenario, agreement: { ...template, commitments } };
  const r = parseScenario(JSON.stringify(candidate), "agreement.json");
  if (r.ok && r.scenario.agreement) return { package: pkg, agreement: r.scenario.agreement, milestones };
  const issues: InputIssue[] = [];
  for (const e of r.ok ? [] : r.errors) {
    const m = /^agreement\.commitments(.*)$/.exec(e.path);
    issues.push({ path: m ? `body.commitments${m[1]}` : `body (${e.path})`, message: e.message });
  }
  if (!issues.length)
    issues.push({ path: "body.commitments", message: "the commitments do not fit the agreement" });
  throw new NegotiationInputError(
    `the edited commitments do not fit the agreement: ${issues[0]!.path}: ${issues[0]!.message}`,
    issues.slice(0, 50),
  );
}
