import type { Issue, IssueValue } from "../model/issue.js";

/**
 * Axis value of each option of an ordinal issue: the stated `value`, or evenly spaced over 0–100
 * when none is stated. Categorical issues have no axis; numeric issues are their own axis.
 */
export function optionValues(issue: Issue): number[] {
  if (issue.kind === "numeric") return [];
  const n = issue.options.length;
  return issue.options.map((o, i) =>
    "value" in o && o.value !== undefined ? o.value : n === 1 ? 0 : (100 * i) / (n - 1),
  );
}

/** The issue's axis as [low, high]: the option values' span for ordinal issues, [min, max] for numeric ones. */
export function axisRange(issue: Issue): [number, number] {
  if (issue.kind === "numeric") return [issue.min, issue.max];
  if (issue.kind === "categorical") return [0, 1];
  const values = optionValues(issue);
  return [Math.min(...values), Math.max(...values)];
}

/** Index of an option in its issue, or −1. */
export function optionIndex(issue: Issue, optionId: string): number {
  return issue.kind === "numeric" ? -1 : issue.options.findIndex((o) => o.id === optionId);
}

/**
 * Where a point lies on the issue's axis: the option's value for ordinal issues, the number itself
 * for numeric ones. Categorical options have no axis position and yield NaN.
 */
export function axisValue(issue: Issue, value: IssueValue): number {
  if (issue.kind === "numeric") return typeof value === "number" ? value : Number.NaN;
  if (issue.kind === "categorical") return Number.NaN;
  return optionValues(issue)[optionIndex(issue, String(value))] ?? Number.NaN;
}

/** The option of an ordinal issue whose axis value is nearest to `x` (ties go to the lower option). */
export function nearestOption(issue: Issue, x: number): string {
  if (issue.kind === "numeric") throw new TypeError("nearestOption needs an issue with options");
  const values = optionValues(issue);
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - x) < Math.abs(values[best]! - x) - 1e-12) best = i;
  });
  return issue.options[best]!.id;
}

/** The points a package may take on an issue: every option, or the numeric range at its step. */
export function issuePoints(issue: Issue): IssueValue[] {
  if (issue.kind !== "numeric") return issue.options.map((o) => o.id);
  const step = issue.step ?? (issue.max - issue.min) / 10;
  const out: number[] = [];
  const n = Math.floor((issue.max - issue.min) / step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(issue.min + i * step);
  if (out[out.length - 1]! < issue.max - 1e-9) out.push(issue.max);
  return out;
}
