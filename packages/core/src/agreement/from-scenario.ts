import { groupDigits } from "../format/group-digits.js";
import type { Actor, ActorRole } from "../model/actor.js";
import type { Issue, IssueValue } from "../model/issue.js";
import type { Position } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import { issuePoints, nearestGridIndex, snapToGrid } from "../utility/issue-axis.js";
import { crossesRedLine, issueUtility } from "../utility/issue-utility.js";
import type { Package } from "../utility/package-utility.js";
import { AgreementError } from "./errors.js";
import { type AgreementSpace, createSpace, type IssueStance, UTILITY_EPS } from "./space.js";

export interface ScenarioSpaceOptions {
  /**
   * Which actors must accept a package: those with any of these roles and at least one position.
   * @default ["party", "guarantor"]
   */
  roles?: ActorRole[];
  /** Explicit actor ids instead of roles. */
  actors?: string[];
}

/** An agreement space built from a scenario, with the way back from indices to the scenario's terms. */
export interface ScenarioSpace {
  space: AgreementSpace;
  scenario: Scenario;
  actors: Actor[];
  issues: Issue[];
  /** points[i][o]: the option id (or number, on numeric issues) behind option index o of issue i. */
  points: IssueValue[][];
  /** Where each actor's disagreement utility comes from. */
  disagreementSource: ("batna" | "status quo" | "status quo (partly unknown)")[];
  /**
   * Per issue, the option index of the issue's status quo, −1 where the issue states none. A numeric
   * status quo off the grid is its nearest grid point (the lower one halfway between two).
   */
  statusQuoIndex: number[];
}

function labelOf(issue: Issue, x: IssueValue): string {
  if (issue.kind === "numeric") return `${groupDigits(Number(x))} ${issue.unit}`;
  return issue.options.find((o) => o.id === x)?.label ?? String(x);
}

/** Human label of option o of issue i. */
export function optionLabel(ss: ScenarioSpace, i: number, o: number): string {
  return labelOf(ss.issues[i]!, ss.points[i]![o]!);
}

/**
 * Builds the agreement space of a scenario: each issue's points (numeric issues discretised at
 * their `step`), each actor's per-point utility from its position's utility shape, red lines as
 * rejected points, and each actor's disagreement utility — its BATNA when the scenario states
 * one, else its utility for the status quo (its own reading of it where it has one). An issue
 * without any status quo counts at the actor's worst point there, so "no deal" is never flattered.
 */
export function spaceFromScenario(scenario: Scenario, options: ScenarioSpaceOptions = {}): ScenarioSpace {
  const roles = new Set<ActorRole>(options.roles ?? ["party", "guarantor"]);
  const withPositions = new Set(scenario.positions.map((p) => p.actor));
  const actors = options.actors
    ? options.actors.map((id) => {
        const a = scenario.actors.find((x) => x.id === id);
        if (!a)
          throw new AgreementError("agreement/unknown-actor", `no actor '${id}' in scenario ${scenario.id}`, [
            "actors",
          ]);
        return a;
      })
    : scenario.actors.filter((a) => withPositions.has(a.id) && a.roles.some((r) => roles.has(r)));
  if (actors.length === 0) {
    throw new AgreementError(
      "agreement/empty-space",
      `no actor in scenario ${scenario.id} has one of the roles ${[...roles].join(", ")} and a position`,
      ["actors"],
    );
  }
  const points = scenario.issues.map((iss) => issuePoints(iss));
  const issues = scenario.issues.map((iss, i) => onGrid(iss, points[i]!));
  const issueIndex = new Map(issues.map((iss, i) => [iss.id, i]));
  const pos = new Map<string, Position>();
  for (const p of scenario.positions) {
    const i = issueIndex.get(p.issue);
    pos.set(`${p.actor}\u0000${p.issue}`, i === undefined ? p : positionOnGrid(p, issues[i]!, points[i]!));
  }
  const stances: (IssueStance | undefined)[][] = [];
  const disagreement: number[] = [];
  const disagreementSource: ScenarioSpace["disagreementSource"] = [];
  for (const actor of actors) {
    const row: (IssueStance | undefined)[] = [];
    let num = 0;
    let den = 0;
    let unknown = false;
    issues.forEach((iss, i) => {
      const p = pos.get(`${actor.id}\u0000${iss.id}`);
      if (!p) {
        row.push(undefined);
        return;
      }
      const utility = points[i]!.map((x) => issueUtility(p, iss, x));
      const rejects: number[] = [];
      points[i]!.forEach((x, o) => {
        if (crossesRedLine(p, iss, x)) rejects.push(o);
      });
      row.push({ utility, salience: p.salience, rejects });
      den += p.salience * Math.max(...utility);
      const sq = p.statusQuo ?? iss.statusQuo;
      if (sq === undefined) {
        unknown = true;
        num += p.salience * Math.min(...utility);
      } else num += p.salience * issueUtility(p, iss, sq);
    });
    stances.push(row);
    if (actor.batna !== undefined) {
      disagreement.push(actor.batna);
      disagreementSource.push("batna");
    } else {
      disagreement.push(den > 0 ? num / den : 0);
      disagreementSource.push(unknown ? "status quo (partly unknown)" : "status quo");
    }
  }
  const statusQuo = issues.map((iss, i) =>
    iss.statusQuo === undefined ? -1 : nearestPoint(points[i]!, iss.statusQuo),
  );
  const space = createSpace({
    actors: actors.map((a) => a.id),
    issues: issues.map((iss, i) => ({
      id: iss.id,
      options: points[i]!.map(String),
      ordered: iss.kind !== "categorical",
    })),
    stances,
    batna: disagreement,
  });
  if (statusQuo.every((o) => o >= 0)) space.statusQuo = statusQuo;
  return { space, scenario, actors, issues, points, disagreementSource, statusQuoIndex: statusQuo };
}

/** Option index of x: the option itself, or on a numeric issue the nearest grid point. */
function nearestPoint(points: IssueValue[], x: IssueValue): number {
  if (typeof x === "string") return points.indexOf(x);
  return nearestGridIndex(points as number[], x);
}

/** A numeric issue with its status quo moved onto its grid when within GRID_SNAP of a step of it. */
function onGrid(issue: Issue, points: IssueValue[]): Issue {
  if (issue.kind !== "numeric" || issue.statusQuo === undefined) return issue;
  return { ...issue, statusQuo: snapToGrid(points as number[], issue.statusQuo) };
}

/** A position with every number it states on a numeric issue (ideal, red lines, status quo) snapped likewise. */
function positionOnGrid(p: Position, issue: Issue, points: IssueValue[]): Position {
  if (issue.kind !== "numeric") return p;
  const grid = points as number[];
  const snap = <T extends IssueValue | undefined>(x: T): T =>
    (typeof x === "number" ? snapToGrid(grid, x) : x) as T;
  const out: Position = { ...p, ideal: snap(p.ideal) };
  if (p.statusQuo !== undefined) out.statusQuo = snap(p.statusQuo);
  if (p.redLine) {
    out.redLine = { ...p.redLine };
    if (p.redLine.atLeast !== undefined) out.redLine.atLeast = snap(p.redLine.atLeast);
    if (p.redLine.atMost !== undefined) out.redLine.atMost = snap(p.redLine.atMost);
  }
  return out;
}

/**
 * Converts a package in the scenario's terms ({ issueId: optionId | number }) to option indices;
 * numbers snap to the nearest discretised point. Every issue must be settled.
 */
export function packageIndices(ss: ScenarioSpace, pkg: Package): number[] {
  return ss.issues.map((iss, i) => {
    const x = pkg[iss.id];
    if (x === undefined) {
      throw new AgreementError("agreement/bad-package", `the package does not settle issue '${iss.id}'`, [
        iss.id,
      ]);
    }
    if (iss.kind === "numeric") {
      const v = typeof x === "number" ? x : Number(x);
      if (!Number.isFinite(v) || v < iss.min || v > iss.max) {
        throw new AgreementError(
          "agreement/unknown-option",
          `issue '${iss.id}' takes a number from ${iss.min} to ${iss.max} ${iss.unit}, got '${x}'`,
          [iss.id],
        );
      }
      return nearestPoint(ss.points[i]!, v);
    }
    const o = ss.points[i]!.indexOf(String(x));
    if (o < 0) {
      throw new AgreementError(
        "agreement/unknown-option",
        `issue '${iss.id}' has no option '${x}'; its options are ${ss.points[i]!.join(", ")}`,
        [iss.id],
      );
    }
    return o;
  });
}

/**
 * Would each actor accept this package, judged on its exact values: a number between two grid
 * points is checked against the red line and scored with the utility shape as it stands, never
 * snapped to the nearest point (a package at 649,999 fails a red line "at least 650,000"). The
 * utility is the space's own, Σ sᵢ·uᵢ(xᵢ) / Σ sᵢ·maxₒ uᵢ(o) (see `createSpace`), so it compares with
 * the same disagreement utility. Invalid values throw as in {@link packageIndices}.
 */
export function wouldEachAcceptExact(
  ss: ScenarioSpace,
  pkg: Package,
): { actor: string; accepts: boolean; utility: number; redLinesCrossed: string[] }[] {
  packageIndices(ss, pkg); // validates every value
  const pos = new Map<string, Position>();
  for (const p of ss.scenario.positions) pos.set(`${p.actor}\u0000${p.issue}`, p);
  return ss.actors.map((actor, a) => {
    let num = 0;
    let norm = 0;
    const crossed: string[] = [];
    ss.issues.forEach((iss, i) => {
      const p = pos.get(`${actor.id}\u0000${iss.id}`);
      if (!p) return;
      const x = iss.kind === "numeric" ? Number(pkg[iss.id]) : String(pkg[iss.id]);
      norm += p.salience * Math.max(...ss.points[i]!.map((o) => issueUtility(p, iss, o)));
      num += p.salience * issueUtility(p, iss, x);
      if (crossesRedLine(p, iss, x)) crossed.push(iss.id);
    });
    const utility = norm > 0 ? num / norm : 0;
    const accepts = crossed.length === 0 && utility >= ss.space.disagreement[a]! - UTILITY_EPS;
    return { actor: actor.id, accepts, utility, redLinesCrossed: crossed };
  });
}

/** The scenario's terms for a package of option indices. */
export function packageTerms(ss: ScenarioSpace, pkg: number[]): Record<string, IssueValue> {
  const out: Record<string, IssueValue> = {};
  ss.issues.forEach((iss, i) => {
    out[iss.id] = ss.points[i]![pkg[i]!]!;
  });
  return out;
}
