import type { Issue, IssueValue, Scenario } from "@entente/core";
import type { ApiIssue, Package } from "./api/types.js";

/**
 * One located problem as a line a person can act on: "line 4, column 7 · issues[0].kind: …".
 * Location comes first because that is where the reader goes next.
 */
export function formatIssue(i: ApiIssue): string {
  const where = i.line !== undefined ? `line ${i.line}, column ${i.column ?? 1} · ` : "";
  return `${where}${i.path}: ${i.message}`;
}

/** The mediator's coarsened package count ("at least 10 and fewer than 100"), as the API gives it. */
export function formatCount(c: { atLeast: number; below: number }): string {
  if (c.atLeast === 0 && c.below <= 1) return "none";
  if (c.below === c.atLeast + 1) return String(c.atLeast);
  return `at least ${c.atLeast.toLocaleString("en")} and fewer than ${c.below.toLocaleString("en")}`;
}

/** The label of a value on an issue: the option's label, or the number with its unit. */
export function valueLabel(issue: Issue | undefined, v: IssueValue | undefined): string {
  if (v === undefined) return "—";
  if (!issue) return String(v);
  if (issue.kind === "numeric") return `${typeof v === "number" ? v.toLocaleString("en") : v} ${issue.unit}`;
  return issue.options.find((o) => o.id === v)?.label ?? String(v);
}

/** A package as rows of (issue name, value label), in the scenario's issue order. */
export function packageRows(s: Scenario, pkg: Package): { issue: string; value: string }[] {
  const rows = s.issues.map((i) => ({ issue: i.name, value: valueLabel(i, pkg[i.id]) }));
  for (const k of Object.keys(pkg)) {
    if (!s.issues.some((i) => i.id === k)) rows.push({ issue: k, value: String(pkg[k]) });
  }
  return rows;
}

/** An actor's display name, falling back to its id. */
export function actorName(s: Scenario | undefined, id: string | null): string {
  if (!id) return "";
  return s?.actors.find((a) => a.id === id)?.name ?? id;
}

/** A timestamp in UTC, to the minute: the audit log and the proposals are read across time zones. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
