import {
  type AgreementOracle,
  type AnalysisOptions,
  analysisProvenance,
  baselineForecast,
  buildReportSection,
  partyActors,
  type ReportSectionName,
  resolveAnalysisOptions,
  runAnalysis,
  type Scenario,
} from "@entente/core";
import type { AnalysisRunner } from "./deps.js";

/**
 * The analyses the API runs by default: pure functions of a public scenario version. "analyze" is
 * core's analysis service (`runAnalysis`), the same report as `entente analyze --format json` for
 * the same options; the single-section engines use the same service with their own defaults.
 */
export function defaultAnalyses(oracle: AgreementOracle): Record<string, AnalysisRunner> {
  // One section, with the provenance of the options it ran with.
  const section =
    (name: ReportSectionName, defaults: AnalysisOptions) =>
    (s: Scenario, _p: unknown, o?: AnalysisOptions) => {
      const resolved = resolveAnalysisOptions({
        ...defaults,
        ...o,
        sections: [name],
        budgets: { ...defaults.budgets, ...o?.budgets },
      });
      const data = buildReportSection(name, s, resolved) ?? (name === "guarantees" ? { mechanisms: [] } : {});
      return { ...(data as object), provenance: analysisProvenance(s, resolved) };
    };
  return {
    analyze: (s, progress, options) => runAnalysis(s, options, { progress }),
    // Bounded search, so one analysis cannot hold the event loop for long (see docs/platform.md).
    agreement: section("agreement", {
      budgets: { agreementNodes: 2_000_000, paretoMaxPoints: 1000, estimateMaxSamples: 600_000 },
    }),
    forecast: section("forecast", {}),
    guarantees: section("guarantees", {}),
    "agreement-zone": (s) => oracle.zone(s, partyActors(s)),
    "forecast-baseline": (s, progress) =>
      s.issues.map((issue, i) => {
        progress(i / s.issues.length);
        return { issue: issue.id, forecast: baselineForecast(s, issue) };
      }),
  };
}
