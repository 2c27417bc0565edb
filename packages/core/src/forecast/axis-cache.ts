import type { Issue, IssueValue } from "../model/issue.js";
import { axisRange, optionValues } from "../utility/issue-axis.js";

/** An issue's axis, computed once: its range, option values and option index by id. */
interface AxisInfo {
  lo: number;
  hi: number;
  values: number[];
  index: Map<string, number>;
}

const cache = new WeakMap<Issue, AxisInfo>();

/**
 * The axis of an issue, cached per issue object: the Monte Carlo asks for it millions of times and
 * `optionValues` rebuilds it on every call. Same values as `axisRange` / `optionValues`.
 */
export function axisInfo(issue: Issue): AxisInfo {
  // Callers ask about one issue many times in a row (toUnit, then axisOf): skip the WeakMap then.
  if (issue === lastIssue) return lastInfo!;
  let info = cache.get(issue);
  if (!info) {
    const [lo, hi] = axisRange(issue);
    const ids = issue.kind === "numeric" ? [] : issue.options.map((o) => o.id);
    info = { lo, hi, values: optionValues(issue), index: new Map(ids.map((id, i) => [id, i])) };
    cache.set(issue, info);
  }
  lastIssue = issue;
  lastInfo = info;
  return info;
}

let lastIssue: Issue | undefined;
let lastInfo: AxisInfo | undefined;

/** `axisValue` with the cached axis: option value (ordinal), the number (numeric), NaN (categorical). */
export function axisOf(issue: Issue, value: IssueValue): number {
  if (issue.kind === "numeric") return typeof value === "number" ? value : Number.NaN;
  if (issue.kind === "categorical") return Number.NaN;
  const info = axisInfo(issue);
  return info.values[info.index.get(String(value)) ?? -1] ?? Number.NaN;
}

/** `nearestOption` with the cached axis (ties go to the lower option). */
export function nearestOf(issue: Issue, x: number): string {
  if (issue.kind === "numeric") throw new TypeError("nearestOf needs an issue with options");
  const values = axisInfo(issue).values;
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i]! - x) < Math.abs(values[best]! - x) - 1e-12) best = i;
  }
  return issue.options[best]!.id;
}
