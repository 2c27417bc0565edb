import { spaceFromScenario, wouldEachAcceptExact } from "../agreement/from-scenario.js";
import type { IssueValue } from "../model/issue.js";
import type { Scenario } from "../model/scenario.js";
import { crossesRedLine } from "../utility/issue-utility.js";
import type { Package } from "../utility/package-utility.js";
import { mergePrivate, type PrivateBody } from "./private-positions.js";
import { valueLabel } from "./words.js";

/** One red line a package crosses, in words. */
export interface CrossedRedLine {
  issue: string;
  issueName: string;
  value: IssueValue;
  /** The package's value in words ("342 tanks", "Monitored ceasefire first"). */
  label: string;
  /** "Ceiling on Ukraine's tanks: 342 tanks is below your red line (at least 500 tanks)". */
  message: string;
}

/** How a package looks to one delegation, against its own positions. */
export interface PackageRating {
  /** Package utility to the actor, 0–1 of its ideal package (salience-weighted, as the agreement engine). */
  utility: number;
  /** The actor's disagreement utility: its BATNA, else its status quo (as the agreement engine). */
  batna: number;
  /** utility ≥ batna. */
  aboveBatna: boolean;
  /** No red line crossed and at least the BATNA: the engine's "acceptable". */
  acceptable: boolean;
  redLines: CrossedRedLine[];
}

/**
 * Rates packages for one actor against its positions: the public scenario with the delegation's
 * own private positions and BATNA (if lodged) in place of its public ones — never anyone else's.
 * Utility and acceptance are the agreement engine's exact judgement (`wouldEachAcceptExact`: the
 * salience-weighted mean of issue utilities over the best attainable, red lines and BATNA on exact
 * values, Nash 1950 disagreement point), so the rating agrees with what the mediator's questions
 * would say about this delegation.
 */
export function ratePackages(
  scenario: Scenario,
  actorId: string,
  own: PrivateBody | undefined,
  packages: readonly Package[],
): PackageRating[] {
  const merged = own ? mergePrivate(scenario, [{ actorId, body: own }]) : scenario;
  if (!merged.positions.some((p) => p.actor === actorId)) {
    return packages.map(() => ({ utility: 0, batna: 0, aboveBatna: true, acceptable: true, redLines: [] }));
  }
  const ss = spaceFromScenario(merged, { actors: [actorId] });
  const batna = ss.space.disagreement[0]!;
  const positions = new Map(merged.positions.filter((p) => p.actor === actorId).map((p) => [p.issue, p]));
  return packages.map((pkg) => {
    const [v] = wouldEachAcceptExact(ss, pkg);
    const redLines: CrossedRedLine[] = [];
    for (const iss of merged.issues) {
      const p = positions.get(iss.id);
      const x = pkg[iss.id];
      if (!p || x === undefined || !crossesRedLine(p, iss, x)) continue;
      const red = p.redLine!;
      const label = valueLabel(iss, x);
      const why = red.reject?.includes(String(x))
        ? "is an option you reject"
        : red.atLeast !== undefined && isBelow(iss, x, red.atLeast)
          ? `is below your red line (at least ${valueLabel(iss, red.atLeast)})`
          : `is above your red line (at most ${valueLabel(iss, red.atMost!)})`;
      redLines.push({
        issue: iss.id,
        issueName: iss.name,
        value: x,
        label,
        message: `${iss.name}: ${label} ${why}`,
      });
    }
    return {
      utility: v!.utility,
      batna,
      aboveBatna: v!.utility >= batna - 1e-9,
      acceptable: v!.accepts,
      redLines,
    };
  });
}

function isBelow(iss: Scenario["issues"][number], x: IssueValue, bound: IssueValue): boolean {
  if (iss.kind === "numeric") return Number(x) < Number(bound);
  if (iss.kind === "ordinal") {
    const ids = iss.options.map((o) => o.id);
    return ids.indexOf(String(x)) < ids.indexOf(String(bound));
  }
  return false;
}
