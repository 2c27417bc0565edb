import { type AgreementSectionOptions, buildAgreementSection } from "../agreement/section.js";
import { complianceSection } from "../compliance/section.js";
import {
  DEFAULT_FORECAST_MODEL,
  type ForecastModelName,
  forecastModelNames,
} from "../forecast/model-types.js";
import type { IssueDistribution } from "../forecast/monte-carlo.js";
import { buildForecastSection } from "../forecast/section.js";
import type { Scenario } from "../model/scenario.js";
import { buildGuaranteesSection } from "../power/guarantees-section.js";
import { contentHash } from "./content-hash.js";
import { type AnalysisReport, analyzeScenario } from "./report.js";

/** The engine's version, reported in every result's provenance (kept equal to packages/core/package.json). */
export const ENGINE_VERSION = "0.1.0";

/** The engines' sections of the analysis report, in report order. */
export const REPORT_SECTIONS = ["guarantees", "forecast", "agreement", "compliance"] as const;
export type ReportSectionName = (typeof REPORT_SECTIONS)[number];

/** What a caller may choose about an analysis; every field has a default (see DEFAULT_ANALYSIS_OPTIONS). */
export interface AnalysisOptions {
  /**
   * The sections built, shown in report order whatever the order given.
   * @default ["guarantees", "forecast", "agreement", "compliance"]
   */
  sections?: readonly ReportSectionName[];
  /**
   * Seed of every seeded draw: the forecast's Monte Carlo and the agreement section's sample and
   * estimate of the count.
   * @default 1
   */
  seed?: number;
  forecast?: {
    /** The headline model (docs/forecast.md: the compromise model until one beats it out of sample). @default "compromise" */
    model?: ForecastModelName;
    /** Monte Carlo draws of the forecast; 0 skips it. @default 0 */
    runs?: number;
  };
  budgets?: Partial<AnalysisBudgets>;
}

/** The work limits of an analysis: past them an engine answers with proven bounds or a labelled subset. */
export interface AnalysisBudgets {
  /** Search nodes per agreement question before answering with proven bounds. @default 20_000_000 */
  agreementNodes: number;
  /** Largest Pareto frontier computed whole (a labelled subset beyond). @default 250 */
  paretoMaxPoints: number;
  /** Most walks of the sampled estimate of an inexact count. @default 100_000 */
  estimateMaxSamples: number;
}

/** Every option with its value: what an analysis ran with, as reported in its provenance. */
export interface ResolvedAnalysisOptions {
  sections: ReportSectionName[];
  seed: number;
  forecast: { model: ForecastModelName; runs: number };
  budgets: AnalysisBudgets;
}

/**
 * The defaults of `entente analyze` and `POST /api/analyses` alike. The overview computes the whole
 * Pareto frontier only up to 250 packages (`entente agree` tries 1,000, about 16 times the cost on a
 * large frontier) and its sampled estimate takes at most 100,000 walks (about 2 s on 20 issues × 10
 * actors, an interval a few percent wide; `entente agree` goes on until it is 1% wide).
 */
export const DEFAULT_ANALYSIS_OPTIONS: Readonly<ResolvedAnalysisOptions> = Object.freeze({
  sections: [...REPORT_SECTIONS],
  seed: 1,
  forecast: { model: DEFAULT_FORECAST_MODEL, runs: 0 },
  budgets: { agreementNodes: 20_000_000, paretoMaxPoints: 250, estimateMaxSamples: 100_000 },
});

/** Largest forecast Monte Carlo an analysis runs in one piece (a sharded run has no such limit). */
export const MAX_ANALYSIS_RUNS = 100_000;

/** An option an analysis cannot run with: `path` names it ("budgets.agreementNodes"). */
export class AnalysisOptionsError extends Error {
  readonly code = "analysis/bad-option" as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "AnalysisOptionsError";
  }
}

/** Raised between sections when the caller's signal has aborted the analysis. */
export class AnalysisCancelledError extends Error {
  readonly code = "analysis/cancelled" as const;
  constructor() {
    super("the analysis was cancelled");
    this.name = "AnalysisCancelledError";
  }
}

function wholeNumber(path: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new AnalysisOptionsError(path, `expected a whole number from ${min} to ${max}, got ${v}`);
  return v;
}

/** Fills in every default and checks every value; throws {@link AnalysisOptionsError}. */
export function resolveAnalysisOptions(options: AnalysisOptions = {}): ResolvedAnalysisOptions {
  const d = DEFAULT_ANALYSIS_OPTIONS;
  const wanted = options.sections ?? d.sections;
  for (const s of wanted)
    if (!(REPORT_SECTIONS as readonly string[]).includes(s))
      throw new AnalysisOptionsError(
        "sections",
        `unknown section '${s}'; expected ${REPORT_SECTIONS.join(", ")}`,
      );
  const model = options.forecast?.model ?? d.forecast.model;
  if (!(forecastModelNames as readonly string[]).includes(model))
    throw new AnalysisOptionsError(
      "forecast.model",
      `unknown model '${model}'; expected ${forecastModelNames.join(", ")}`,
    );
  const b = { ...d.budgets, ...options.budgets };
  return {
    sections: REPORT_SECTIONS.filter((s) => wanted.includes(s)),
    seed: wholeNumber("seed", options.seed ?? d.seed, 0, 2 ** 53 - 1),
    forecast: {
      model,
      runs: wholeNumber("forecast.runs", options.forecast?.runs ?? d.forecast.runs, 0, MAX_ANALYSIS_RUNS),
    },
    budgets: {
      agreementNodes: wholeNumber("budgets.agreementNodes", b.agreementNodes, 1, 2_000_000_000),
      paretoMaxPoints: wholeNumber("budgets.paretoMaxPoints", b.paretoMaxPoints, 1, 100_000),
      estimateMaxSamples: wholeNumber("budgets.estimateMaxSamples", b.estimateMaxSamples, 1, 100_000_000),
    },
  };
}

/** What made an analysis result: enough to run it again and get the same numbers. */
export interface AnalysisProvenance {
  engine: { name: "entente"; version: string };
  /** The scenario's id and the SHA-256 of its canonical JSON (see contentHash). */
  scenario: { id: string; hash: string };
  seed: number;
  options: { sections: ReportSectionName[]; forecast: { model: ForecastModelName; runs: number } };
  budgets: AnalysisBudgets;
}

/** The provenance of an analysis of `scenario` run with `options` (already resolved). */
export function analysisProvenance(scenario: Scenario, options: ResolvedAnalysisOptions): AnalysisProvenance {
  return {
    engine: { name: "entente", version: ENGINE_VERSION },
    scenario: { id: scenario.id, hash: contentHash(scenario) },
    seed: options.seed,
    options: { sections: [...options.sections], forecast: { ...options.forecast } },
    budgets: { ...options.budgets },
  };
}

/**
 * The agreement section's options in an analysis with these options: its budgets and seed. The
 * CLI's agreement worker thread builds the section with exactly these (and imports only this, so
 * its bundle stays small).
 */
export function agreementSectionOptions(options: ResolvedAnalysisOptions): AgreementSectionOptions {
  return {
    nodeBudget: options.budgets.agreementNodes,
    seed: options.seed,
    paretoMaxPoints: options.budgets.paretoMaxPoints,
    estimateMaxSamples: options.budgets.estimateMaxSamples,
  };
}

/** Extra inputs a section may take from the caller (work already done elsewhere). */
export interface SectionInputs {
  /** The forecast's Monte Carlo distributions, computed elsewhere for `forecast.runs` draws of `seed`. */
  forecastDistributions?: IssueDistribution[];
}

/**
 * One section of the report, built with the resolved options; undefined when the scenario has
 * nothing for it (no mechanisms: no guarantees; no agreement: no compliance). Pure. The CLI's
 * agreement worker thread calls this too, so a section built there is the one built here.
 */
export function buildReportSection(
  name: ReportSectionName,
  scenario: Scenario,
  options: ResolvedAnalysisOptions,
  inputs: SectionInputs = {},
): unknown {
  switch (name) {
    case "guarantees":
      return scenario.mechanisms.length ? buildGuaranteesSection(scenario) : undefined;
    case "forecast":
      return buildForecastSection(scenario, {
        model: options.forecast.model,
        runs: options.forecast.runs,
        seed: options.seed,
        ...(inputs.forecastDistributions ? { distributions: inputs.forecastDistributions } : {}),
      });
    case "agreement":
      return buildAgreementSection(scenario, agreementSectionOptions(options));
    case "compliance":
      return complianceSection(scenario)?.data;
  }
}

/** What varies from run to run and is not an option: how the caller follows and stops the work. */
export interface AnalysisContext {
  /** Told the fraction done (0..1) after each section, with the section's name. */
  progress?: (fraction: number, section: ReportSectionName | "baseline") => void;
  /** Polled between sections; once aborted, the analysis throws {@link AnalysisCancelledError}. */
  signal?: { readonly aborted: boolean };
  /**
   * Sections the caller builds itself (e.g. on another thread): their key is set, in report order,
   * to the value given here, and the section is not built.
   */
  prebuilt?: Partial<Record<ReportSectionName, unknown>>;
  inputs?: SectionInputs;
}

/**
 * THE analysis of a scenario, used by `entente analyze`, `POST /api/analyses` and the job workers
 * alike: the baseline report, then each chosen engine's section in report order, with the provenance
 * of the result. Pure: the same scenario and options give the same JSON everywhere.
 */
export function runAnalysis(
  scenario: Scenario,
  options: AnalysisOptions = {},
  context: AnalysisContext = {},
): AnalysisReport {
  const resolved = resolveAnalysisOptions(options);
  const check = () => {
    if (context.signal?.aborted) throw new AnalysisCancelledError();
  };
  check();
  const { format, version, ...base } = analyzeScenario(scenario);
  const report: AnalysisReport = {
    format,
    version,
    provenance: analysisProvenance(scenario, resolved),
    ...base,
  };
  const steps = resolved.sections.length + 1;
  context.progress?.(1 / steps, "baseline");
  resolved.sections.forEach((name, i) => {
    check();
    const prebuilt = context.prebuilt && Object.hasOwn(context.prebuilt, name);
    const data = prebuilt
      ? context.prebuilt![name]
      : buildReportSection(name, scenario, resolved, context.inputs);
    if (data !== undefined) report.sections[name] = data;
    context.progress?.((i + 2) / steps, name);
  });
  return report;
}
