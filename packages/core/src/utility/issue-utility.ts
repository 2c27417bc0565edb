import type { Issue, IssueValue } from "../model/issue.js";
import type { Position } from "../model/position.js";
import { axisRange, axisValue, optionIndex } from "./issue-axis.js";

/**
 * An actor's utility (0–1) for a point on one issue. With a utility table, the table's entry (0 for
 * options it leaves out). Otherwise a function of the normalised distance d = |x − ideal| / span:
 * linear 1 − d, quadratic 1 − d² (the quadratic loss of spatial voting models, e.g. Enelow & Hinich 1984).
 * Categorical issues without a table score 1 at the ideal and 0 elsewhere.
 */
export function issueUtility(position: Position, issue: Issue, x: IssueValue): number {
  const shape = position.utility ?? "linear";
  if (typeof shape === "object") return shape.table[String(x)] ?? 0;
  if (issue.kind === "categorical") return String(x) === String(position.ideal) ? 1 : 0;
  const [lo, hi] = axisRange(issue);
  const span = hi - lo || 1;
  const d = Math.min(1, Math.abs(axisValue(issue, x) - axisValue(issue, position.ideal)) / span);
  return shape === "quadratic" ? 1 - d * d : 1 - d;
}

/** Order of a point along the issue: the option index for ordinal issues, the number for numeric ones. */
function order(issue: Issue, x: IssueValue): number {
  return issue.kind === "numeric" ? Number(x) : optionIndex(issue, String(x));
}

/**
 * Whether a point crosses the actor's red line on the issue: it is rejected outright, or lies below
 * `atLeast` or above `atMost` (in option order for ordinal issues, in units for numeric ones).
 */
export function crossesRedLine(position: Position, issue: Issue, x: IssueValue): boolean {
  const red = position.redLine;
  if (!red) return false;
  if (red.reject?.includes(String(x))) return true;
  if (issue.kind === "categorical") return false;
  const at = order(issue, x);
  if (red.atLeast !== undefined && at < order(issue, red.atLeast)) return true;
  if (red.atMost !== undefined && at > order(issue, red.atMost)) return true;
  return false;
}
