import type { AgreementSection } from "../agreement/section.js";
import type { ForecastSection } from "../forecast/section.js";
import type { Scenario } from "../model/scenario.js";
import type { GuaranteesSection } from "../power/guarantees-section.js";
import type { AnalysisReport } from "./report.js";
import {
  AnalysisCancelledError,
  type AnalysisOptions,
  type AnalysisProvenance,
  analysisProvenance,
  REPORT_SECTIONS,
  type ReportSectionName,
  type ResolvedAnalysisOptions,
  resolveAnalysisOptions,
  runAnalysis,
} from "./service.js";

/**
 * A number of the scenario a sweep varies. Written `kind:actor[:detail]`:
 * - `support:G[:V]` — guarantor G's probability of backing a response (against violator V, else
 *   against every violator), in every mechanism; 0..1.
 * - `salience:A[:I]` — actor A's salience on issue I (else on every issue it has a position on); 0..1.
 * - `capability:A` — actor A's capability (clout); ≥ 0.
 * - `batna:A` — actor A's utility if talks fail; 0..1.
 */
export type SweepParameter =
  | { kind: "support"; actor: string; against?: string }
  | { kind: "salience"; actor: string; issue?: string }
  | { kind: "capability"; actor: string }
  | { kind: "batna"; actor: string };

/** A sweep that cannot run: `path` names the input at fault ("parameters[0].values[3]"). */
export class SweepError extends Error {
  readonly code = "sweep/bad-input" as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "SweepError";
  }
}

const KINDS = ["support", "salience", "capability", "batna"] as const;

/** Reads `support:us`, `salience:ru:territory`, … (see {@link SweepParameter}); throws SweepError. */
export function parseSweepParameter(text: string, path = "parameter"): SweepParameter {
  const [kind, actor, detail, ...rest] = text.split(":").map((s) => s.trim());
  if (!(KINDS as readonly string[]).includes(kind ?? "") || !actor || rest.length)
    throw new SweepError(
      path,
      `expected support:GUARANTOR[:VIOLATOR], salience:ACTOR[:ISSUE], capability:ACTOR or batna:ACTOR, got '${text}'`,
    );
  if (kind === "support") return { kind, actor, ...(detail ? { against: detail } : {}) };
  if (kind === "salience") return { kind, actor, ...(detail ? { issue: detail } : {}) };
  if (detail) throw new SweepError(path, `${kind} takes an actor only, got '${text}'`);
  return { kind: kind as "capability" | "batna", actor };
}

/** The parameter written back as text (the inverse of parseSweepParameter). */
export function formatSweepParameter(p: SweepParameter): string {
  const detail = p.kind === "support" ? p.against : p.kind === "salience" ? p.issue : undefined;
  return [p.kind, p.actor, ...(detail ? [detail] : [])].join(":");
}

/**
 * The scenario with the parameter set to `value` everywhere it applies; the rest unchanged. Pure
 * (returns a copy). Throws SweepError when the parameter names nothing in the scenario or the value
 * is out of its range.
 */
export function applySweepParameter(
  scenario: Scenario,
  p: SweepParameter,
  value: number,
  path = "parameter",
): Scenario {
  const unit = p.kind !== "capability";
  if (!Number.isFinite(value) || value < 0 || (unit && value > 1))
    throw new SweepError(
      path,
      `${p.kind} must be a number from 0 to ${unit ? "1" : "any positive value"}, got ${value}`,
    );
  if (!scenario.actors.some((a) => a.id === p.actor))
    throw new SweepError(path, `no actor '${p.actor}' in scenario '${scenario.id}'`);
  let touched = 0;
  switch (p.kind) {
    case "support": {
      const mechanisms = scenario.mechanisms.map((m) => ({
        ...m,
        support: (m.support ?? []).map((s) => {
          if (s.guarantor !== p.actor || (p.against !== undefined && s.against !== p.against)) return s;
          touched++;
          return { ...s, probability: value };
        }),
      }));
      if (!touched)
        throw new SweepError(
          path,
          `no mechanism states ${p.actor}'s support${p.against ? ` against ${p.against}` : ""}`,
        );
      return { ...scenario, mechanisms };
    }
    case "salience": {
      const positions = scenario.positions.map((pos) => {
        if (pos.actor !== p.actor || (p.issue !== undefined && pos.issue !== p.issue)) return pos;
        touched++;
        return { ...pos, salience: value };
      });
      if (!touched)
        throw new SweepError(path, `${p.actor} has no position${p.issue ? ` on '${p.issue}'` : ""}`);
      return { ...scenario, positions };
    }
    case "capability":
      return {
        ...scenario,
        actors: scenario.actors.map((a) =>
          a.id === p.actor ? { ...a, capability: { ...a.capability, value } } : a,
        ),
      };
    case "batna":
      return {
        ...scenario,
        actors: scenario.actors.map((a) => (a.id === p.actor ? { ...a, batna: value } : a)),
      };
  }
}

/** One axis of a sweep's grid. */
export interface SweepAxis {
  /** The parameter as text, e.g. `support:us` (see SweepParameter). */
  parameter: string;
  values: number[];
}

/** What a sweep runs: one or two axes and the analysis options (sections default to what the parameters move). */
export interface SweepSpec {
  axes: SweepAxis[];
  options?: AnalysisOptions;
}

/** Most points in a sweep's grid. */
export const MAX_SWEEP_POINTS = 2_500;

/** A metric's value at one point of the grid. */
export type SweepValue = number | string | boolean | null;

/** The result of a sweep: one row of metrics per point of the grid (first axis outer). */
export interface SweepResult {
  format: "entente.sweep";
  version: 1;
  provenance: AnalysisProvenance & { axes: SweepAxis[] };
  axes: SweepAxis[];
  /** Metric names, in column order (see sweepMetrics). */
  metrics: string[];
  points: Array<{ at: number[]; metrics: Record<string, SweepValue> }>;
}

/** The sections whose numbers a parameter moves (the default sections of a sweep over it). */
function sectionsMoved(p: SweepParameter): ReportSectionName[] {
  if (p.kind === "support") return ["guarantees"];
  if (p.kind === "batna") return ["agreement"];
  return ["forecast", "agreement"];
}

/**
 * The headline numbers of a report, flat, for a sweep's table: each issue's forecast
 * (`forecast.<issue>`: the headline model's outcome), the count of packages acceptable to all
 * (`agreement.lower`, `agreement.upper`: equal when exact) and whether the Nash package exists, and
 * each mechanism's probability of activating a response against each violator
 * (`guarantees.<mechanism>.<violator>`).
 */
export function sweepMetrics(report: AnalysisReport): Record<string, SweepValue> {
  const out: Record<string, SweepValue> = {};
  const g = report.sections.guarantees as GuaranteesSection | undefined;
  if (g) {
    const { violators, mechanisms, probability } = g.comparison;
    for (const [i, v] of violators.entries())
      for (const [j, m] of mechanisms.entries())
        out[`guarantees.${m.id}.${v.id}`] = probability[i]![j]?.value ?? null;
  }
  const f = report.sections.forecast as ForecastSection | undefined;
  if (f) for (const i of f.issues) out[`forecast.${i.issue}`] = i.headline.outcome;
  const a = report.sections.agreement as AgreementSection | undefined;
  if (a) {
    out["agreement.lower"] = a.count.lower;
    out["agreement.upper"] = a.count.upper;
    out["agreement.nash"] = a.solutions.nash !== null;
  }
  return out;
}

/**
 * Checks a sweep before anything runs — one or two axes, known parameters, every value in range, at
 * most MAX_SWEEP_POINTS points — and returns its parameters, resolved options and grid (first axis
 * outer). Throws SweepError or AnalysisOptionsError.
 */
export function checkSweep(
  scenario: Scenario,
  spec: SweepSpec,
): { params: SweepParameter[]; options: ResolvedAnalysisOptions; grid: number[][] } {
  if (spec.axes.length < 1 || spec.axes.length > 2)
    throw new SweepError("axes", `expected one or two parameters, got ${spec.axes.length}`);
  const params = spec.axes.map((a, i) => parseSweepParameter(a.parameter, `axes[${i}].parameter`));
  spec.axes.forEach((a, i) => {
    if (a.values.length === 0) throw new SweepError(`axes[${i}].values`, "expected at least one value");
    // Every value is checked before the first analysis runs.
    for (const [j, v] of a.values.entries())
      applySweepParameter(scenario, params[i]!, v, `axes[${i}].values[${j}]`);
  });
  const total = spec.axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_SWEEP_POINTS)
    throw new SweepError("axes", `${total} points is more than ${MAX_SWEEP_POINTS}; use fewer values`);
  const moved = new Set(params.flatMap(sectionsMoved));
  const options = resolveAnalysisOptions({
    ...spec.options,
    sections: spec.options?.sections ?? REPORT_SECTIONS.filter((s) => moved.has(s)),
  });
  const grid: number[][] =
    spec.axes.length === 1
      ? spec.axes[0]!.values.map((v) => [v])
      : spec.axes[0]!.values.flatMap((v) => spec.axes[1]!.values.map((w) => [v, w]));
  return { params, options, grid };
}

/**
 * Re-runs one analysis over a grid of values of one or two parameters (the sweep): for each point
 * the scenario with those values (applySweepParameter), analysed by runAnalysis, reduced to its
 * headline metrics. Pure; `progress` is told the fraction of points done, `signal` is polled
 * between points. Throws SweepError on a bad axis.
 */
export function runSweep(
  scenario: Scenario,
  spec: SweepSpec,
  context: { progress?: (fraction: number) => void; signal?: { readonly aborted: boolean } } = {},
): SweepResult {
  const { params, options, grid } = checkSweep(scenario, spec);
  const metrics: string[] = [];
  const seen = new Set<string>();
  const points = grid.map((at, n) => {
    if (context.signal?.aborted) throw new AnalysisCancelledError();
    const varied = at.reduce((s, v, i) => applySweepParameter(s, params[i]!, v), scenario);
    const m = sweepMetrics(runAnalysis(varied, options));
    for (const k of Object.keys(m))
      if (!seen.has(k)) {
        seen.add(k);
        metrics.push(k);
      }
    context.progress?.((n + 1) / grid.length);
    return { at, metrics: m };
  });
  const axes = spec.axes.map((a, i) => ({
    parameter: formatSweepParameter(params[i]!),
    values: [...a.values],
  }));
  return {
    format: "entente.sweep",
    version: 1,
    provenance: { ...analysisProvenance(scenario, options), axes },
    axes,
    metrics,
    points,
  };
}
