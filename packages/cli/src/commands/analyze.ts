import { writeFileSync } from "node:fs";
import { type AnalysisReport, analyzeScenario, type Scenario } from "@entente/core";
import { type Command, Option } from "commander";
import { CliError, EXIT } from "../io/cli-error.js";
import { loadScenario } from "../io/load-scenario.js";
import { renderAnalysisHtml } from "../render/analysis-html.js";
import { renderAnalysisText } from "../render/analysis-text.js";
import { reportSectionBuilders, reportSectionRenderers } from "../report-sections.js";

/** A contributor of one section of the analysis report (guarantees, forecast, agreement…). */
export type SectionBuilder = (scenario: Scenario) => { name: string; data: unknown } | undefined;

/** The full analysis: the baseline report plus every engine's section. */
export function buildReport(
  scenario: Scenario,
  builders: readonly SectionBuilder[] = reportSectionBuilders,
): AnalysisReport {
  const report = analyzeScenario(scenario);
  for (const build of builders) {
    const section = build(scenario);
    if (section) report.sections[section.name] = section.data;
  }
  return report;
}

/** `entente analyze [file]`: validates a scenario and prints the analysis report. */
export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description(
      "validate a scenario and report forecasts, red lines and utilities (the default scenario if no file)",
    )
    .argument("[file]", "scenario YAML file")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--html <file>", "also write a self-contained HTML report with a chart per issue")
    .action((file: string | undefined, opts: { format: "text" | "json"; html?: string }) => {
      const { scenario } = loadScenario(file);
      const report = buildReport(scenario);
      if (opts.html) {
        try {
          writeFileSync(opts.html, renderAnalysisHtml(report, reportSectionRenderers));
        } catch (e) {
          throw new CliError(`cannot write ${opts.html}: ${(e as Error).message}`, EXIT.failure);
        }
      }
      process.stdout.write(
        opts.format === "json"
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderAnalysisText(report, reportSectionRenderers),
      );
      if (opts.html) process.stderr.write(`HTML report written to ${opts.html}\n`);
    });
}
