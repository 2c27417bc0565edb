import type { Issue, IssueValue } from "../model/issue.js";
import type { Position } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import { type AgreementOracle, engineOracle } from "./zone.js";
import { discloseZone, type ZoneDisclosure } from "./zone-disclosure.js";

/**
 * What the mediator may ask about, and what each answer costs: the disclosure bound of issue 14.
 *
 * The mediator's answers are computed only at the points of a coarse *disclosure grid*: a numeric
 * issue's quarter points (min, min + span/4, …, max) and, on an ordinal issue of K options, every
 * other option (see {@link ordinalAskable}). Acceptance is judged on a package's exact values, and
 * only packages on the grid may be asked about; the zone of agreement is searched over the grid.
 * So every answer depends on a delegation's cut-off red line only through which grid points it
 * accepts, and all cut-offs between two neighbouring grid points give the same answers, whatever
 * and however many questions are asked: the red lines consistent with any transcript span at least
 * a quarter of each numeric axis (the gap between two quarter points) and at least two options of
 * each ordinal issue of three or more options. The budget (in bits, below) then bounds how much the
 * answers say about everything else (ideals, saliences, BATNAs), whoever asks.
 */

/** Quarters of a numeric axis: the grid's spacing. */
export const NUMERIC_CELLS = 4;

/** Bits charged per answer: acceptance is one yes/no; a zone answer is existence plus a decade and packages. */
export const DISCLOSURE_COST = { acceptance: 1, zone: 4 } as const;

/** Bits a negotiation's mediators may spend in total, across accounts, restarts and servers. */
export const DEFAULT_DISCLOSURE_BUDGET_BITS = 48;

/**
 * The ordinal options the mediator may ask about, by index. Cut-offs "at least k" and "at least k+1"
 * are told apart exactly when option k is askable, "at most m" and "at most m+1" when option m+1
 * is; so every cut-off stays in a group of at least two when options 1 and K−2 are never askable
 * and no two askable options inside are neighbours. Both ends are always askable, and the inside
 * ones are taken outwards from the middle in steps of two (the middle is where compromises lie):
 * K = 5 → {0, 2, 4}; K = 7 → {0, 3, 6}. With K ≤ 4 only the ends are askable; with K = 2 the bound
 * cannot hold (a red line there is one of two options) — stated in docs/platform.md.
 */
export function ordinalAskable(k: number): number[] {
  if (k <= 1) return [0];
  const inside = new Set<number>();
  const mid = Math.floor((k - 1) / 2);
  for (let d = 0; mid - d >= 2 || mid + d <= k - 3; d += 2) {
    if (mid - d >= 2 && mid - d <= k - 3) inside.add(mid - d);
    if (mid + d >= 2 && mid + d <= k - 3) inside.add(mid + d);
  }
  return [0, ...[...inside].sort((a, b) => a - b), k - 1];
}

/** The values of an issue the mediator may ask about (categorical issues: every option). */
export function disclosureGrid(issue: Issue): IssueValue[] {
  if (issue.kind === "numeric") {
    const span = issue.max - issue.min;
    return Array.from({ length: NUMERIC_CELLS + 1 }, (_, j) => issue.min + (span * j) / NUMERIC_CELLS);
  }
  if (issue.kind === "ordinal") return ordinalAskable(issue.options.length).map((i) => issue.options[i]!.id);
  return issue.options.map((o) => o.id);
}

/** The issues of a package that are off the disclosure grid (empty when the mediator may ask about it). */
export function offGrid(scenario: Scenario, pkg: Package): string[] {
  return scenario.issues
    .filter((iss) => {
      const x = pkg[iss.id];
      const grid = disclosureGrid(iss);
      return iss.kind === "numeric"
        ? !grid.some((g) => Math.abs(Number(g) - Number(x)) <= 1e-9 * Math.max(1, Math.abs(Number(g))))
        : !grid.includes(String(x));
    })
    .map((iss) => iss.id);
}

/**
 * The scenario the zone of agreement is searched in: numeric issues discretised at their quarter
 * points, and ordinal options off the grid closed to every party (added to each party position's
 * `reject` list), so the engine's zone, count, Nash package and suggestions use grid points only.
 */
export function gridScenario(scenario: Scenario, parties: readonly string[]): Scenario {
  const closed = new Map<string, string[]>();
  const issues = scenario.issues.map((iss): Issue => {
    if (iss.kind === "numeric") return { ...iss, step: (iss.max - iss.min) / NUMERIC_CELLS };
    if (iss.kind === "ordinal") {
      const ok = new Set(disclosureGrid(iss).map(String));
      closed.set(
        iss.id,
        iss.options.map((o) => o.id).filter((id) => !ok.has(id)),
      );
    }
    return iss;
  });
  const party = new Set(parties);
  const positions = scenario.positions.map((p): Position => {
    const shut = closed.get(p.issue);
    if (!party.has(p.actor) || !shut?.length) return p;
    const red = p.redLine ?? {};
    return { ...p, redLine: { ...red, reject: [...new Set([...(red.reject ?? []), ...shut])] } } as Position;
  });
  return { ...scenario, issues, positions };
}

/** Why a question was refused. */
export class DisclosureError extends Error {
  constructor(
    readonly code: "off-grid",
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = "DisclosureError";
  }
}

/**
 * The mediator's answer about a package: whether every party accepts it, judged on its exact values
 * (red lines and BATNAs, no snapping) — never who does not. Refuses a package off the disclosure grid.
 */
export function answerAcceptance(
  merged: Scenario,
  parties: readonly string[],
  pkg: Package,
  oracle: AgreementOracle = engineOracle,
): boolean {
  const off = offGrid(merged, pkg);
  if (off.length) {
    throw new DisclosureError(
      "off-grid",
      `the mediator may ask only about packages on the disclosure grid; off it: ${off.join(", ")}`,
      off,
    );
  }
  const verdicts = oracle.acceptance(merged, [...parties], pkg);
  const present = parties.filter((p) => p in verdicts);
  return present.length > 0 && present.every((p) => verdicts[p]);
}

/** The mediator's answer about the zone of agreement: aggregates over every party, on the disclosure grid. */
export function answerZone(
  merged: Scenario,
  parties: readonly string[],
  oracle: AgreementOracle = engineOracle,
): ZoneDisclosure {
  return discloseZone(oracle.zone(gridScenario(merged, parties), [...parties]));
}
