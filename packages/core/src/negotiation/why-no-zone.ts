import { spaceFromScenario } from "../agreement/from-scenario.js";
import { whatWouldItTake } from "../agreement/relax.js";
import type { Scenario } from "../model/scenario.js";
import { DISCLOSURE_COST, gridScenario } from "./disclosure-grid.js";

/** One step of a plan, as the mediator may hear it: an issue and how far, never whose red line. */
export interface WhyMove {
  issue: string;
  issueName: string;
  /** How many options past a red line (on the disclosure grid). */
  steps: number;
}

/** The mediator's "why is there no zone": aggregates over every delegation at the table. */
export interface WhyNoZone {
  exists: boolean;
  /** Ways to open a zone, least costly first: the red lines that would have to move, by issue only. */
  plans: { moves: WhyMove[]; sentence: string }[];
  /**
   * When even dropping every red line leaves some delegation below its BATNA: how many are short
   * (not which). Red lines are then not the obstacle.
   */
  beyondRedLines: { short: number } | null;
  summary: string;
}

/**
 * The aggregate "what would it take" of `entente agree` (relax.ts: minimal sets of red-line moves
 * that open a zone, cheapest first; Nash-product and egalitarian searches), told to the mediator
 * without naming any delegation: only which issues' red lines would have to move and how far, or
 * how many delegations fall short of their BATNA even with no red line at all.
 *
 * It is computed on the disclosure grid (`gridScenario`: quarter points of numeric axes, askable
 * ordinal options), so, like every other answer, it depends on a cut-off red line only through
 * which grid points that line accepts: the disclosure bound of issue 14 holds for it
 * (disclosure-bound.test.ts asks it too). Its cost is {@link WHY_COST} bits of the budget.
 */
export function answerWhyNoZone(merged: Scenario, parties: readonly string[]): WhyNoZone {
  const grid = gridScenario(merged, parties);
  const withPositions = new Set(grid.positions.map((p) => p.actor));
  const actors = parties.filter((a) => withPositions.has(a));
  if (actors.length === 0)
    return { exists: false, plans: [], beyondRedLines: null, summary: "No delegation has lodged positions." };
  const ss = spaceFromScenario(grid, { actors });
  const w = whatWouldItTake(ss.space, { limit: 3, maxMoves: 3, nodeBudget: 500_000 });
  if (w.zoneExists)
    return {
      exists: true,
      plans: [],
      beyondRedLines: null,
      summary: "A zone of agreement exists: no red line needs to move.",
    };
  if (w.beyondRedLines) {
    const short = w.beyondRedLines.shortfall.filter((s) => s > 1e-9).length;
    return {
      exists: false,
      plans: [],
      beyondRedLines: { short },
      summary:
        `Red lines are not the obstacle: even with every red line dropped, no package gives ` +
        `${short === 1 ? "one delegation" : `${short} delegations`} what it expects without a deal (its BATNA).`,
    };
  }
  const plans = w.plans.map((plan) => {
    const moves = plan.moves
      .map((m) => ({ issue: ss.issues[m.issue]!.id, issueName: ss.issues[m.issue]!.name, steps: m.steps }))
      .sort((a, b) => a.issue.localeCompare(b.issue) || a.steps - b.steps);
    const parts = moves.map(
      (m) => `a red line on ${m.issueName} moved ${m.steps === 1 ? "one step" : `${m.steps} steps`}`,
    );
    return { moves, sentence: `A zone opens with ${parts.join(" and ")}.` };
  });
  const summary = plans.length
    ? `No package is acceptable to every delegation. ${plans.length === 1 ? "One way" : `${plans.length} ways`} to open a zone, least costly first (whose red lines is not said).`
    : `No package is acceptable to every delegation, and no combination of up to ${w.searchedUpTo} red-line moves opens one.`;
  return { exists: false, plans, beyondRedLines: null, summary };
}

/** Bits of the disclosure budget one "why" answer costs (the table is DISCLOSURE_COST). */
export const WHY_COST = DISCLOSURE_COST.why;
