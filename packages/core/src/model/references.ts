import type { Actor } from "./actor.js";
import type { Issue, IssueValue } from "./issue.js";
import type { Position } from "./position.js";
import type { Scenario } from "./scenario.js";
import type { ScenarioErrorCode } from "./scenario-error.js";

/** A problem found after the shape is valid: an id that points nowhere, a duplicate, a value off its issue. */
export interface ReferenceProblem {
  code: ScenarioErrorCode;
  path: Array<string | number>;
  message: string;
}

type Path = Array<string | number>;

function duplicates<T>(items: readonly T[], idOf: (t: T) => string, at: (i: number) => Path, what: string) {
  const seen = new Map<string, number>();
  const out: ReferenceProblem[] = [];
  items.forEach((item, i) => {
    const id = idOf(item);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else
      out.push({
        code: "duplicate_id",
        path: at(i),
        message: `duplicate ${what} '${id}' (first at index ${first})`,
      });
  });
  return out;
}

function describeOptions(issue: Issue): string {
  return issue.kind === "numeric" ? "" : issue.options.map((o) => o.id).join(", ");
}

/** Checks that `value` is a valid point on `issue`; returns a message when it is not. */
export function checkIssueValue(issue: Issue, value: IssueValue): string | undefined {
  if (issue.kind === "numeric") {
    if (typeof value !== "number")
      return `expected a number in ${issue.unit} for numeric issue '${issue.id}', got '${value}'`;
    if (value < issue.min || value > issue.max)
      return `expected a number from ${issue.min} to ${issue.max} (${issue.unit}), got ${value}`;
    return undefined;
  }
  if (typeof value !== "string" || !issue.options.some((o) => o.id === value))
    return `unknown option '${value}' for issue '${issue.id}'; expected one of: ${describeOptions(issue)}`;
  return undefined;
}

function checkIssue(issue: Issue, i: number): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  if (issue.kind === "numeric") {
    if (issue.min >= issue.max)
      out.push({
        code: "inconsistent",
        path: ["issues", i, "max"],
        message: `expected max > min (${issue.min}), got ${issue.max}`,
      });
  } else {
    out.push(
      ...duplicates(
        issue.options,
        (o) => o.id,
        (j) => ["issues", i, "options", j, "id"],
        "option",
      ),
    );
  }
  if (issue.statusQuo !== undefined) {
    const msg = checkIssueValue(issue, issue.statusQuo);
    const code = typeof issue.statusQuo === "number" ? "out_of_range" : "unknown_reference";
    if (msg) out.push({ code, path: ["issues", i, "statusQuo"], message: msg });
  }
  if (issue.outcome !== undefined) {
    const msg = checkIssueValue(issue, issue.outcome.value);
    const code = typeof issue.outcome.value === "number" ? "out_of_range" : "unknown_reference";
    if (msg) out.push({ code, path: ["issues", i, "outcome", "value"], message: msg });
  }
  return out;
}

function checkPosition(
  p: Position,
  i: number,
  actors: ReadonlySet<string>,
  issues: ReadonlyMap<string, Issue>,
  writtenIssues: ReadonlySet<string>,
): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const at = (...rest: Path): Path => ["positions", i, ...rest];
  if (!actors.has(p.actor))
    out.push({ code: "unknown_reference", path: at("actor"), message: `unknown actor '${p.actor}'` });
  const issue = issues.get(p.issue);
  if (!issue) {
    if (!writtenIssues.has(p.issue))
      out.push({ code: "unknown_reference", path: at("issue"), message: `unknown issue '${p.issue}'` });
    return out;
  }
  const valueCode = (v: IssueValue): ScenarioErrorCode =>
    typeof v === "number" ? "out_of_range" : "unknown_reference";
  const check = (v: IssueValue, path: Path) => {
    const msg = checkIssueValue(issue, v);
    if (msg) out.push({ code: valueCode(v), path, message: msg });
  };
  check(p.ideal, at("ideal"));
  if (p.statusQuo !== undefined) check(p.statusQuo, at("statusQuo"));
  p.redLine?.reject?.forEach((r, j) => {
    check(r, at("redLine", "reject", j));
  });
  if (p.redLine?.atLeast !== undefined) check(p.redLine.atLeast, at("redLine", "atLeast"));
  if (p.redLine?.atMost !== undefined) check(p.redLine.atMost, at("redLine", "atMost"));
  if (issue.kind === "categorical")
    for (const bound of ["atLeast", "atMost"] as const)
      if (p.redLine?.[bound] !== undefined)
        out.push({
          code: "inconsistent",
          path: at("redLine", bound),
          message: `the options of categorical issue '${issue.id}' have no order, so '${bound}' has no meaning; list the options ${p.actor} will not accept under 'reject'`,
        });
  if (typeof p.utility === "object") {
    if (issue.kind === "numeric")
      out.push({
        code: "inconsistent",
        path: at("utility"),
        message: "a utility table needs an issue with options",
      });
    else for (const key of Object.keys(p.utility.table)) check(key, at("utility", "table", key));
  }
  return out;
}

/**
 * The parts of a scenario whose references can be checked. An element that failed its own schema is
 * `undefined` in place, so the others are still checked and keep their indices (every error at once).
 */
export interface ReferenceInput {
  actors: ReadonlyArray<Actor | undefined>;
  issues: ReadonlyArray<Issue | undefined>;
  positions: ReadonlyArray<Position | undefined>;
  /** Ids written in the file, valid or not, so a reference to an invalid element is not also "unknown". */
  writtenIds?: { actors: ReadonlySet<string>; issues: ReadonlySet<string> };
  /** The actor and issue ids of positions that failed their schema, so their references are still checked. */
  invalidPositionRefs?: ReadonlyArray<{ index: number; actor?: string; issue?: string }>;
}

function present<T>(items: ReadonlyArray<T | undefined>): Array<[T, number]> {
  const out: Array<[T, number]> = [];
  items.forEach((item, i) => {
    if (item !== undefined) out.push([item, i]);
  });
  return out;
}

/**
 * Cross-reference checks that a schema cannot express: unique ids, positions that name a known
 * actor and issue, ideals and red lines that are options of their issue (or inside its range).
 */
export function checkScenarioReferences(s: ReferenceInput | Scenario): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const actors = present<Actor>(s.actors);
  const issues = present<Issue>(s.issues);
  const positions = present<Position>(s.positions);
  // Loops, not push(...list): a spread of 100,000s of items overflows the stack.
  const add = (list: Iterable<ReferenceProblem>) => {
    for (const p of list) out.push(p);
  };
  add(
    duplicates(
      actors,
      ([a]) => a.id,
      (k) => ["actors", actors[k]![1], "id"],
      "actor",
    ),
  );
  add(
    duplicates(
      issues,
      ([x]) => x.id,
      (k) => ["issues", issues[k]![1], "id"],
      "issue",
    ),
  );
  for (const [issue, i] of issues) add(checkIssue(issue, i));
  const written = "writtenIds" in s ? s.writtenIds : undefined;
  const actorIds = written?.actors ?? new Set(actors.map(([a]) => a.id));
  const issueById = new Map(issues.map(([x]) => [x.id, x]));
  const writtenIssues = written?.issues ?? new Set(issueById.keys());
  for (const [p, i] of positions) add(checkPosition(p, i, actorIds, issueById, writtenIssues));
  for (const ref of ("invalidPositionRefs" in s ? s.invalidPositionRefs : undefined) ?? []) {
    if (ref.actor !== undefined && !actorIds.has(ref.actor))
      out.push({
        code: "unknown_reference",
        path: ["positions", ref.index, "actor"],
        message: `unknown actor '${ref.actor}'`,
      });
    if (ref.issue !== undefined && !writtenIssues.has(ref.issue))
      out.push({
        code: "unknown_reference",
        path: ["positions", ref.index, "issue"],
        message: `unknown issue '${ref.issue}'`,
      });
  }
  out.push(
    ...duplicates(
      positions,
      ([p]) => `${p.actor} × ${p.issue}`,
      (k) => ["positions", positions[k]![1]],
      "position (actor × issue)",
    ),
  );
  return out;
}
