import type { Issue, IssueValue } from "../model/issue.js";
import type { Position, RedLine } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import type { Package } from "../utility/package-utility.js";
import { type AgreementOracle, engineOracle } from "./zone.js";
import { discloseZone, type ZoneDisclosure } from "./zone-disclosure.js";

/**
 * What the mediator may learn, and what each answer costs: the disclosure bound of issue 14.
 *
 * Every answer the mediator gets is computed on the *disclosure view* ({@link disclosureView}):
 * the confidential scenario with each delegation's cut-off red lines tightened to a coarse
 * *disclosure grid* — a numeric issue's quarter points (min, min + span/4, …, max) and, on an
 * ordinal issue of K options, the options of {@link ordinalAskable}. The mediator may ask about
 * any package and any part of the package space; since the view depends on a cut-off red line only
 * through which grid cell it lies in, so does every answer, whatever and however many questions
 * are asked: the red lines consistent with any transcript span at least a quarter of each numeric
 * axis and at least two options of each ordinal issue of three or more options. The budget (in
 * bits, below) then bounds how much the answers say about everything else (ideals, saliences,
 * BATNAs), whoever asks. The price: a zone of agreement that lies within one grid cell of a red
 * line is not in the view, so it cannot be found (docs/platform.md, "Usefulness").
 */

/** Quarters of a numeric axis: the grid's spacing. */
export const NUMERIC_CELLS = 4;

/**
 * Bits charged per answer, the one table of costs (the store charges them, `Store.spendDisclosure`):
 * acceptance and box answers are one yes/no; a zone answer is existence plus a decade and packages;
 * "why is there no zone" (why-no-zone.ts) up to three plans of red-line moves.
 */
export const DISCLOSURE_COST = { acceptance: 1, box: 1, zone: 4, why: 8 } as const;

/** Bits a negotiation's mediators may spend in total, across accounts, restarts and servers. */
export const DEFAULT_DISCLOSURE_BUDGET_BITS = 48;

/**
 * The ordinal options red lines are tightened to ("askable"), by index. Cut-offs "at least k" and
 * "at least k+1" are told apart exactly when option k is askable, "at most m" and "at most m+1"
 * when option m+1 is; so every cut-off stays in a group of at least two when options 1 and K−2 are
 * never askable and no two askable options inside are neighbours. Both ends are always askable;
 * inside, as many as that allows: with K odd every even index (K = 5 → {0, 2, 4}; K = 7 →
 * {0, 2, 4, 6}), with K even outwards from the middle in steps of two (K = 6 → {0, 2, 5}; K = 8 →
 * {0, 3, 5, 7}). With K ≤ 4 only the ends are askable; with K = 2 the bound cannot hold (a red
 * line there is one of two options) — stated in docs/platform.md.
 */
export function ordinalAskable(k: number): number[] {
  if (k <= 1) return [0];
  const inside = new Set<number>();
  if (k % 2 === 1) {
    for (let i = 2; i <= k - 3; i += 2) inside.add(i);
  } else {
    const mid = Math.floor((k - 1) / 2);
    for (let d = 0; mid - d >= 2 || mid + d <= k - 3; d += 2) {
      if (mid - d >= 2 && mid - d <= k - 3) inside.add(mid - d);
      if (mid + d >= 2 && mid + d <= k - 3) inside.add(mid + d);
    }
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

/** The issues of a package that are off the disclosure grid (empty when the package is on it). */
export function offGrid(scenario: Scenario, pkg: Package): string[] {
  return scenario.issues
    .filter((iss) => {
      const x = pkg[iss.id];
      const grid = disclosureGrid(iss);
      return iss.kind === "numeric"
        ? !grid.some((g) => near(Number(g), Number(x)))
        : !grid.includes(String(x));
    })
    .map((iss) => iss.id);
}

const near = (g: number, x: number) => Math.abs(g - x) <= 1e-9 * Math.max(1, Math.abs(g));

/**
 * A cut-off red line tightened to the disclosure grid: "at least t" becomes "at least" the first
 * grid value at or above t, "at most u" the last grid value at or below u (ordinal issues: the
 * askable options, {@link ordinalAskable}). Every cut-off between two neighbouring grid values
 * becomes the same line, so anything computed from the tightened line depends on the cut-off only
 * through the grid cell it lies in. A line past the issue's last grid value (nothing acceptable) is
 * kept as it is; `reject` lists are kept exactly (they are not bounded; docs/platform.md).
 */
export function tightenRedLine(issue: Issue, red: RedLine): RedLine {
  if (issue.kind === "categorical") return red;
  const out: RedLine = { ...red };
  if (issue.kind === "numeric") {
    const grid = disclosureGrid(issue).map(Number);
    if (typeof red.atLeast === "number") {
      const t = red.atLeast;
      const g = grid.find((v) => v >= t || near(v, t));
      if (g !== undefined) out.atLeast = g;
    }
    if (typeof red.atMost === "number") {
      const u = red.atMost;
      const g = [...grid].reverse().find((v) => v <= u || near(v, u));
      if (g !== undefined) out.atMost = g;
    }
    return out;
  }
  const ids = issue.options.map((o) => o.id);
  const askable = ordinalAskable(ids.length);
  if (red.atLeast !== undefined) {
    const k = ids.indexOf(String(red.atLeast));
    const g = askable.find((i) => i >= k);
    if (k >= 0 && g !== undefined) out.atLeast = ids[g]!;
  }
  if (red.atMost !== undefined) {
    const m = ids.indexOf(String(red.atMost));
    const g = [...askable].reverse().find((i) => i <= m);
    if (m >= 0 && g !== undefined) out.atMost = ids[g]!;
  }
  return out;
}

/**
 * What every mediator answer is computed on (issue 14's bound, by construction): the merged
 * scenario with each party's cut-off red lines tightened to the disclosure grid
 * ({@link tightenRedLine}), numeric issues searched at a step that holds the grid's quarter points;
 * ideals, saliences, utilities, BATNAs and `reject` lists as they are. A "yes, all accept" computed
 * on it is true on the exact values too (a tightened line accepts less); a "no" may mean only that
 * a package lies within a grid cell of some red line. Since the view depends on a cut-off only
 * through its grid cell, so does every answer, whatever is asked and however often: the red lines
 * consistent with any transcript span a whole cell.
 */
export function disclosureView(scenario: Scenario, parties: readonly string[]): Scenario {
  const party = new Set(parties);
  const issues = new Map(scenario.issues.map((i) => [i.id, i]));
  const steps = scenario.issues.map(
    (iss): Issue => (iss.kind === "numeric" ? { ...iss, step: viewStep(iss) } : iss),
  );
  const positions = scenario.positions.map((p): Position => {
    const iss = issues.get(p.issue);
    if (!party.has(p.actor) || !p.redLine || !iss) return p;
    return { ...p, redLine: tightenRedLine(iss, p.redLine) };
  });
  return { ...scenario, issues: steps, positions };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The step the view searches a numeric issue at: the issue's own step (else a tenth of the range),
 * made fine enough to hold the grid's quarter points too — which tightened red lines fall on — when
 * that at most doubles the points (no step: a twentieth of the range; 30 cells: 60). Otherwise
 * (e.g. 25 cells, which would need 100) the own points are kept: a tightened line between them acts
 * at the next own point, which only costs usefulness, never the bound.
 */
function viewStep(iss: Extract<Issue, { kind: "numeric" }>): number | undefined {
  const span = iss.max - iss.min;
  const raw = iss.step === undefined ? 10 : span / iss.step;
  const cells = Math.round(raw);
  if (cells <= 0 || Math.abs(raw - cells) > 1e-9) return iss.step;
  const lcm = (cells * NUMERIC_CELLS) / gcd(cells, NUMERIC_CELLS);
  return lcm <= 2 * cells ? span / lcm : iss.step;
}

/**
 * The scenario restricted to the disclosure grid: numeric issues discretised at their quarter
 * points, and ordinal options off the grid closed to every party (added to each party position's
 * `reject` list). On grid packages exact red lines and tightened ones agree, so anything computed
 * on it depends on a cut-off only through its grid cell, like the view (why-no-zone.ts uses it, so
 * that its "steps" are steps of the grid).
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

/**
 * A part of the package space the mediator asks about: per issue, a numeric range (both ends
 * included) or the options allowed. Issues not named are free.
 */
export type PackageBox = Record<string, { min: number; max: number } | readonly string[]>;

/** The view with every party's positions on the box's issues confined to the box (a red line common to all). */
function confine(view: Scenario, parties: readonly string[], box: PackageBox): Scenario {
  const issues = new Map(view.issues.map((i) => [i.id, i]));
  for (const id of Object.keys(box)) {
    if (!issues.has(id))
      throw new DisclosureError("unknown-issue", `the scenario has no issue "${id}"`, [id]);
  }
  const party = new Set(parties);
  const positions = view.positions.map((p): Position => {
    const b = box[p.issue];
    if (!party.has(p.actor) || b === undefined) return p;
    const red: RedLine = { ...(p.redLine ?? {}) };
    const iss = issues.get(p.issue)!;
    if (Array.isArray(b)) {
      const allowed = new Set(b as readonly string[]);
      const shut = iss.kind === "numeric" ? [] : iss.options.map((o) => o.id).filter((o) => !allowed.has(o));
      red.reject = [...new Set([...(red.reject ?? []), ...shut])];
    } else {
      const r = b as { min: number; max: number };
      red.atLeast = typeof red.atLeast === "number" ? Math.max(red.atLeast, r.min) : r.min;
      red.atMost = typeof red.atMost === "number" ? Math.min(red.atMost, r.max) : r.max;
    }
    return { ...p, redLine: red };
  });
  return { ...view, positions };
}

/** Why a question was refused. */
export class DisclosureError extends Error {
  constructor(
    readonly code: "off-grid" | "unknown-issue",
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = "DisclosureError";
  }
}

/**
 * The mediator's answer about a package: whether every party accepts it — one yes/no, never who
 * does not — computed on the disclosure view ({@link disclosureView}): exact values against red
 * lines tightened to the grid, and BATNAs. Any package may be asked about; a yes holds on the
 * exact red lines too.
 */
export function answerAcceptance(
  merged: Scenario,
  parties: readonly string[],
  pkg: Package,
  oracle: AgreementOracle = engineOracle,
): boolean {
  const verdicts = oracle.acceptance(disclosureView(merged, parties), [...parties], pkg);
  const present = parties.filter((p) => p in verdicts);
  return present.length > 0 && present.every((p) => verdicts[p]);
}

/**
 * The mediator's answer about a part of the package space: whether some package in `box` (on the
 * view's points: a numeric issue's steps and quarter points, every option) is acceptable to every
 * party, on the disclosure view. One yes/no; halving boxes finds a package of the view's zone in
 * about log2(packages) answers without ever asking about one party alone.
 */
export function answerBox(
  merged: Scenario,
  parties: readonly string[],
  box: PackageBox,
  oracle: AgreementOracle = engineOracle,
): boolean {
  const view = confine(disclosureView(merged, parties), parties, box);
  return oracle.exists ? oracle.exists(view, [...parties]) : oracle.zone(view, [...parties]).exists;
}

/** The mediator's answer about the zone of agreement: aggregates over every party, on the disclosure view. */
export function answerZone(
  merged: Scenario,
  parties: readonly string[],
  oracle: AgreementOracle = engineOracle,
): ZoneDisclosure {
  return discloseZone(oracle.zone(disclosureView(merged, parties), [...parties]));
}
