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

/** The points a package may take on an issue: every option, or the numeric range on its grid. */
export function issuePoints(issue: Issue): IssueValue[] {
  return issue.kind === "numeric" ? numericGrid(issue) : issue.options.map((o) => o.id);
}

/**
 * Decimal places of a number as JavaScript prints it (the shortest string that reads back as the
 * same double): 0.1 → 1, 2.25 → 2, 1e-7 → 7, 2500 → 0.
 */
export function decimalPlaces(x: number): number {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)));
  if (!m) return Number.POSITIVE_INFINITY;
  return Math.max(0, (m[2]?.length ?? 0) - Number(m[3] ?? 0));
}

/**
 * The grid of a numeric issue: min, min + step, min + 2·step, … up to max, with max appended when
 * the step does not divide the range; step (max − min)/10 when the issue states none. The points are
 * computed in decimal, not by adding doubles: with d the decimal places of min, max and step (one
 * more when the step is (max − min)/10), point i is the integer (min + i·step)·10^d divided by 10^d,
 * which is the double nearest that decimal — the same double a scenario file gives for the same
 * number. So a value stated in a scenario that lies on the grid (an ideal, a red line, a status
 * quo) is exactly a grid point: `min: 0, max: 0.3, step: 0.1` gives 0, 0.1, 0.2, 0.3, not
 * 0.30000000000000004. When the scaled integers would exceed 2^53 (more than about 15 significant
 * digits in all), the points are min + i·step in floating point and {@link snapToGrid} absorbs the
 * rounding.
 */
export function numericGrid(issue: { min: number; max: number; step?: number | undefined }): number[] {
  const { min, max, step } = issue;
  const d =
    Math.max(decimalPlaces(min), decimalPlaces(max), step === undefined ? 0 : decimalPlaces(step)) +
    (step === undefined ? 1 : 0);
  const scale = 10 ** d;
  const lo = Math.round(min * scale);
  const hi = Math.round(max * scale);
  const st = step === undefined ? (hi - lo) / 10 : Math.round(step * scale);
  const out: number[] = [];
  if (d <= 22 && Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && Number.isSafeInteger(st) && st > 0) {
    for (let k = lo; k <= hi; k += st) out.push(k / scale);
    if ((hi - lo) % st !== 0) out.push(max);
    return out;
  }
  const s = step ?? (max - min) / 10;
  const n = Math.floor((max - min) / s + 1e-9);
  for (let i = 0; i <= n; i++) out.push(min + i * s);
  if (out[out.length - 1]! < max - 1e-9 * s) out.push(max);
  return out;
}

/** Relative tolerance of {@link snapToGrid}: a stated number this many steps from a grid point is on it. */
export const GRID_SNAP = 1e-9;

/**
 * A number stated in a scenario, moved onto the grid point within GRID_SNAP of a step of it (if
 * any); otherwise unchanged. With the decimal grid above this only matters for grids too fine for
 * exact decimal points; off-grid values (further than that) are kept as stated.
 */
export function snapToGrid(grid: readonly number[], x: number): number {
  const o = nearestGridIndex(grid, x);
  const gap = grid.length > 1 ? Math.abs(grid[1]! - grid[0]!) : 1;
  return Math.abs(grid[o]! - x) <= GRID_SNAP * gap ? grid[o]! : x;
}

/**
 * Index of the grid point nearest to x. Halfway between two points (within GRID_SNAP of a step, so
 * that 0.15 on a 0.1 grid is a tie whatever the doubles say) the lower point is taken.
 */
export function nearestGridIndex(grid: readonly number[], x: number): number {
  const gap = grid.length > 1 ? Math.abs(grid[1]! - grid[0]!) : 1;
  let best = 0;
  for (let o = 1; o < grid.length; o++)
    if (Math.abs(grid[o]! - x) < Math.abs(grid[best]! - x) - GRID_SNAP * gap) best = o;
  return best;
}
