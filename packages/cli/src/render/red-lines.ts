import type { IssueAnalysis, RedLine } from "@entente/core";
import { num } from "./text-table.js";

function valueLabel(issue: IssueAnalysis, v: string | number): string {
  if (issue.kind === "numeric") return `${num(Number(v), 0)}${issue.unit ? ` ${issue.unit}` : ""}`;
  return issue.options?.find((o) => o.id === v)?.label ?? String(v);
}

/** A red line in words: "rejects A or B; nothing below X; nothing above Y" (with its note, if any). */
export function redLineWords(issue: IssueAnalysis, line: RedLine): string {
  const parts: string[] = [];
  if (line.reject?.length) parts.push(`rejects ${line.reject.map((o) => valueLabel(issue, o)).join(" or ")}`);
  if (line.atLeast !== undefined) parts.push(`nothing below ${valueLabel(issue, line.atLeast)}`);
  if (line.atMost !== undefined) parts.push(`nothing above ${valueLabel(issue, line.atMost)}`);
  return parts.join("; ") + (line.note ? ` (${line.note})` : "");
}

/** Each actor's red line on an issue, as "Name: words", in the order of the issue's actors. */
export function issueRedLines(issue: IssueAnalysis, names: ReadonlyMap<string, string>): string[] {
  return issue.actors
    .filter((a) => a.redLine)
    .map((a) => `${names.get(a.actor) ?? a.actor}: ${redLineWords(issue, a.redLine!)}`);
}

/** A utility in [0, 1] on the report's one scale: points out of 100 (the actor's ideal = 100). */
export function utilityPoints(u: number): string {
  return num(u * 100, 1);
}
