import { baselineForecast } from "../forecast/baseline.js";
import type { Actor } from "../model/actor.js";
import type { Issue, IssueValue } from "../model/issue.js";
import type { RedLine } from "../model/position.js";
import type { Scenario } from "../model/scenario.js";
import { axisRange } from "../utility/issue-axis.js";
import { crossesRedLine } from "../utility/issue-utility.js";
import { assessPackage, type Package } from "../utility/package-utility.js";
import type { AnalysisProvenance } from "./service.js";

/** Identifies the JSON shape of `entente analyze --format json`; bump the version on breaking changes. */
export const ANALYSIS_FORMAT = "entente.analysis";
export const ANALYSIS_FORMAT_VERSION = 1;

/** The two baseline models every issue is forecast with. */
export const BASELINE_MODELS = ["mean", "median"] as const;
export type BaselineModel = (typeof BASELINE_MODELS)[number];

export interface ActorSummary {
  id: string;
  name: string;
  kind: Actor["kind"];
  roles: Actor["roles"];
  capability: number;
  capabilitySource: string;
  capabilityConfidence: number;
}

export interface ActorOnIssue {
  actor: string;
  ideal: IssueValue;
  /** Ideal's axis value (null on categorical issues). */
  axis: number | null;
  salience: number;
  weight: number;
  confidence: number;
  source: string;
  /** |ideal − forecast| on the axis, per model; for categorical issues 0 at the forecast option and 1 elsewhere. */
  distance: Record<BaselineModel, number>;
  /** Whether the model's forecast crosses this actor's red line on the issue. */
  redLineCrossed: Record<BaselineModel, boolean>;
  /** The actor's red line on the issue as the scenario states it, when it has one. */
  redLine?: RedLine;
}

export interface IssueAnalysis {
  id: string;
  name: string;
  kind: Issue["kind"];
  unit?: string;
  /** The axis' span [low, high]; [0, 1] on categorical issues, which have no axis. */
  axis: [number, number];
  options?: Array<{ id: string; label: string; value?: number }>;
  statusQuo?: IssueValue;
  forecast: Record<BaselineModel, { value: number | null; outcome: IssueValue; label: string }>;
  optionShares?: Record<string, number>;
  actors: ActorOnIssue[];
}

export interface PackageAnalysis {
  model: BaselineModel;
  package: Package;
  utilities: Array<{ actor: string; utility: number; redLinesCrossed: string[] }>;
}

/** Everything `entente analyze` reports, as plain data: the same content for terminal, JSON and HTML. */
export interface AnalysisReport {
  format: typeof ANALYSIS_FORMAT;
  version: typeof ANALYSIS_FORMAT_VERSION;
  /** What made the result (engine version, scenario hash, seed, options, budgets); set by runAnalysis. */
  provenance?: AnalysisProvenance;
  scenario: { id: string; title: string; description?: string; asOf?: string };
  actors: ActorSummary[];
  issues: IssueAnalysis[];
  packages: PackageAnalysis[];
  /** Further sections contributed by the other engines (guarantees, forecast, agreement), keyed by name. */
  sections: Record<string, unknown>;
}

function labelOf(issue: Issue, v: IssueValue): string {
  if (issue.kind === "numeric") return `${Math.round(Number(v) * 100) / 100} ${issue.unit}`;
  return issue.options.find((o) => o.id === v)?.label ?? String(v);
}

function analyzeIssue(scenario: Scenario, issue: Issue): IssueAnalysis {
  const base = baselineForecast(scenario, issue);
  const positions = new Map(scenario.positions.filter((p) => p.issue === issue.id).map((p) => [p.actor, p]));
  const forecast = {
    mean: { ...base.mean, label: labelOf(issue, base.mean.outcome) },
    median: { ...base.median, label: labelOf(issue, base.median.outcome) },
  };
  const distance = (axis: number | null, ideal: IssueValue, m: BaselineModel) =>
    axis === null ? (ideal === forecast[m].outcome ? 0 : 1) : Math.abs(axis - (forecast[m].value ?? 0));
  const actors = base.stakes.map((s): ActorOnIssue => {
    const p = positions.get(s.actor)!;
    const crossed = (m: BaselineModel) => crossesRedLine(p, issue, forecast[m].outcome);
    return {
      actor: s.actor,
      ideal: s.ideal,
      axis: s.axis,
      salience: s.salience,
      weight: s.weight,
      confidence: p.confidence,
      source: p.source,
      distance: { mean: distance(s.axis, s.ideal, "mean"), median: distance(s.axis, s.ideal, "median") },
      redLineCrossed: { mean: crossed("mean"), median: crossed("median") },
      ...(p.redLine ? { redLine: p.redLine } : {}),
    };
  });
  return {
    id: issue.id,
    name: issue.name,
    kind: issue.kind,
    ...(issue.kind === "numeric" ? { unit: issue.unit } : {}),
    axis: axisRange(issue),
    ...(issue.kind !== "numeric"
      ? {
          options: issue.options.map((o) => ({
            id: o.id,
            label: o.label,
            ...("value" in o ? { value: o.value } : {}),
          })),
        }
      : {}),
    ...(issue.statusQuo !== undefined ? { statusQuo: issue.statusQuo } : {}),
    forecast,
    ...(base.optionShares ? { optionShares: base.optionShares } : {}),
    actors,
  };
}

/**
 * The baseline analysis of a scenario: for each issue the weighted-mean and weighted-median
 * forecasts with every actor's distance and red lines crossed, and each actor's utility for the
 * package of forecasts. Pure; the engines of the other analyses add their own sections.
 */
export function analyzeScenario(scenario: Scenario): AnalysisReport {
  const issues = scenario.issues.map((i) => analyzeIssue(scenario, i));
  const packages = BASELINE_MODELS.map((model): PackageAnalysis => {
    const pkg: Package = Object.fromEntries(issues.map((i) => [i.id, i.forecast[model].outcome]));
    return { model, package: pkg, utilities: assessPackage(scenario, pkg) };
  });
  return {
    format: ANALYSIS_FORMAT,
    version: ANALYSIS_FORMAT_VERSION,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      ...(scenario.description ? { description: scenario.description } : {}),
      ...(scenario.asOf ? { asOf: scenario.asOf } : {}),
    },
    actors: scenario.actors.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      roles: a.roles,
      capability: a.capability.value,
      capabilitySource: a.capability.source,
      capabilityConfidence: a.capability.confidence,
    })),
    issues,
    packages,
    sections: {},
  };
}
