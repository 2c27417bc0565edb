import { groupDigits } from "../format/group-digits.js";
import type { Issue, IssueValue } from "../model/issue.js";

/** A value of an issue in words: an option's label, or a number grouped with its unit ("85,000 personnel"). */
export function valueLabel(issue: Issue, x: IssueValue): string {
  if (issue.kind === "numeric") return `${groupDigits(Number(x))} ${issue.unit}`;
  return issue.options.find((o) => o.id === x)?.label ?? String(x);
}

/**
 * Why a value does not fit an issue, in words that name the issue and its range or options
 * ("Ceiling on Ukraine's tanks: 5,000 is above the range 0–2,000 tanks"), or null when it fits.
 */
export function valueProblem(issue: Issue, x: unknown): string | null {
  if (issue.kind === "numeric") {
    const range = `${groupDigits(issue.min)}–${groupDigits(issue.max)} ${issue.unit}`;
    if (typeof x !== "number" || !Number.isFinite(x))
      return `${issue.name}: expected a number in the range ${range}`;
    if (x < issue.min) return `${issue.name}: ${groupDigits(x)} is below the range ${range}`;
    if (x > issue.max) return `${issue.name}: ${groupDigits(x)} is above the range ${range}`;
    return null;
  }
  if (typeof x === "string" && issue.options.some((o) => o.id === x)) return null;
  return `${issue.name}: ${JSON.stringify(x)} is not one of its options (${issue.options.map((o) => o.label).join("; ")})`;
}
