import { type AnalysisProvenance, groupDigits } from "@entente/core";

/**
 * The provenance of an analysis in one line, for the foot of the terminal and HTML reports:
 * engine version, the scenario's content hash, seed, options and budgets (docs/analysis-json.md).
 */
export function provenanceLine(p: AnalysisProvenance): string {
  const b = p.budgets;
  return [
    `entente ${p.engine.version}`,
    `scenario ${p.scenario.id} ${p.scenario.hash.slice(0, 19)}…`,
    `seed ${p.seed}`,
    `sections ${p.options.sections.join(", ") || "none"}`,
    `forecast ${p.options.forecast.model}${p.options.forecast.runs ? `, ${groupDigits(p.options.forecast.runs)} draws` : ""}`,
    `budgets: ${groupDigits(b.agreementNodes)} nodes per agreement question, Pareto frontier ≤ ${groupDigits(b.paretoMaxPoints)}, estimate ≤ ${groupDigits(b.estimateMaxSamples)} walks`,
  ].join(" · ");
}
