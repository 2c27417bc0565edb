import type { Issue, Scenario } from "@entente/core";
import type { ApiIssue, Package } from "./api/types.js";

/** One input of the proposal form: a select for an issue with options, a number input otherwise. */
export type IssueControl =
  | { issue: string; label: string; kind: "choice"; options: { value: string; label: string }[] }
  | { issue: string; label: string; kind: "number"; min: number; max: number; step: number; unit: string };

/** The numeric step the agreement engine enumerates with: the issue's own, or a tenth of the range. */
export function numericStep(issue: Extract<Issue, { kind: "numeric" }>): number {
  return issue.step ?? (issue.max - issue.min) / 10;
}

/** The proposal form's inputs, one per issue of the scenario, in its order. */
export function issueControls(s: Scenario): IssueControl[] {
  return s.issues.map((i) =>
    i.kind === "numeric"
      ? {
          issue: i.id,
          label: i.name,
          kind: "number" as const,
          min: i.min,
          max: i.max,
          step: numericStep(i),
          unit: i.unit,
        }
      : {
          issue: i.id,
          label: i.name,
          kind: "choice" as const,
          options: i.options.map((o) => ({ value: o.id, label: o.label })),
        },
  );
}

/** The grid point nearest the middle of [min, max], so a default sits on a value the engine enumerates. */
export function midpoint(min: number, max: number, step: number): number {
  if (!(step > 0)) return min;
  return Math.min(max, min + Math.round((max - min) / 2 / step) * step);
}

/** A starting package: each issue's status quo where it has one, else its first option or the middle of its range. */
export function defaultPackage(s: Scenario): Package {
  const pkg: Package = {};
  for (const i of s.issues) {
    if (i.kind === "numeric") pkg[i.id] = i.statusQuo ?? midpoint(i.min, i.max, numericStep(i));
    else pkg[i.id] = i.statusQuo ?? i.options[0]!.id;
  }
  return pkg;
}

/**
 * Reads the form's raw strings into a package, checking what the server's checkScenarioPackage checks
 * (every issue settled, options known, numbers in range) so the person sees problems before sending.
 * Paths are the API's ("body.package.<issue>"), so local and server errors read alike.
 */
export function readPackage(
  s: Scenario,
  raw: Readonly<Record<string, string>>,
): { ok: true; package: Package } | { ok: false; errors: ApiIssue[] } {
  const pkg: Package = {};
  const errors: ApiIssue[] = [];
  for (const i of s.issues) {
    const path = `body.package.${i.id}`;
    const v = (raw[i.id] ?? "").trim();
    if (v === "") {
      errors.push({ path, message: `choose a value for ${i.name}` });
    } else if (i.kind === "numeric") {
      const x = Number(v);
      if (!Number.isFinite(x) || x < i.min || x > i.max) {
        errors.push({ path, message: `expected a number from ${i.min} to ${i.max} ${i.unit}` });
      } else pkg[i.id] = x;
    } else if (!i.options.some((o) => o.id === v)) {
      errors.push({ path, message: `expected one of ${i.options.map((o) => o.id).join(", ")}` });
    } else pkg[i.id] = v;
  }
  return errors.length ? { ok: false, errors } : { ok: true, package: pkg };
}
