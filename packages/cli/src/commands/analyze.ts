import { type AnalysisReport, analyzeScenario, type Scenario } from "@entente/core";
import { type Command, Option } from "commander";
import { loadScenario } from "../io/load-scenario.js";
import { writeReportFile } from "../io/write-report.js";
import { type OffloadedSection, offloadAgreementSection } from "../offload/offload-agreement.js";
import { renderAnalysisHtml } from "../render/analysis-html.js";
import { renderAnalysisText } from "../render/analysis-text.js";
import { writeText } from "../render/terminal.js";
import { reportSectionBuilders, reportSectionRenderers } from "../report-sections.js";
import { agreementSectionBuilder } from "./agree.js";

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

/**
 * The full analysis with the agreement section built on a worker thread (started before the
 * scenario was parsed) while this thread builds the others; the same report as buildReport.
 */
export async function buildReportOffloaded(
  scenario: Scenario,
  agreement: OffloadedSection,
): Promise<AnalysisReport> {
  agreement.send(scenario);
  const report = analyzeScenario(scenario);
  for (const build of reportSectionBuilders) {
    // The key is set now so that the section keeps its place in the report's order.
    if (build === agreementSectionBuilder) report.sections.agreement = null;
    else {
      const section = build(scenario);
      if (section) report.sections[section.name] = section.data;
    }
  }
  // Without the worker's answer (it could not start or crashed), the section is built here.
  report.sections.agreement = (await agreement.result()) ?? agreementSectionBuilder(scenario)?.data;
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
    .addOption(
      new Option("--threads <n>", "2: build the agreement section on a worker thread; 1: all in this one")
        .choices(["1", "2"])
        .default("2"),
    )
    .action(
      async (file: string | undefined, opts: { format: "text" | "json"; html?: string; threads: string }) => {
        const offloaded = opts.threads === "2" ? offloadAgreementSection() : null;
        let scenario: Scenario;
        try {
          scenario = loadScenario(file).scenario;
        } catch (e) {
          offloaded?.cancel();
          throw e;
        }
        const report = offloaded ? await buildReportOffloaded(scenario, offloaded) : buildReport(scenario);
        if (opts.html) {
          writeReportFile(opts.html, renderAnalysisHtml(report, reportSectionRenderers));
        }
        if (opts.format === "json") process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else writeText(renderAnalysisText(report, reportSectionRenderers));
      },
    );
}
